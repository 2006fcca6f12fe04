"""
    FastLinalgError(status, name, message)

A failed library call: `status` is the C `fl_status` value (1 = invalid argument,
2 = dimension mismatch, 3 = dtype mismatch, 6 = non-finite, 7 = too large, 8 = out of
memory, 9 = unsupported, 10 = internal, 11 = no convergence), `name` its `fl_status_string`
and `message` the `fl_last_error` text naming the argument. A singular matrix (status 4) and one that is not
positive definite (5) throw LinearAlgebra's own `SingularException` and `PosDefException`
instead, as `lu` and `cholesky` do, with `info` the 1-based pivot, minor order or column the
library's message names (0 when it names none).
"""
struct FastLinalgError <: Exception
    status::Int
    name::String
    message::String
end

Base.showerror(io::IO, e::FastLinalgError) =
    print(io, "FastLinalgError: ", e.name, " (status ", e.status, "): ", e.message)

# The message is read first: it is thread-local and valid until this thread's next call,
# and no task switch can happen between the failed ccall and these two.
function check(status::Cint)
    status == FL_OK && return nothing
    message = unsafe_string(ccall((:fl_last_error, libfastlinalg), Cstring, ()))
    status == FL_ERR_SINGULAR && throw(SingularException(info_in(message)))
    status == FL_ERR_NOT_POSITIVE_DEFINITE && throw(PosDefException(info_in(message)))
    name = unsafe_string(ccall((:fl_status_string, libfastlinalg), Cstring, (Cint,), status))
    throw(FastLinalgError(status, name, message))
end

# The 1-based index a singular / not positive definite message names: "pivot 2 of 3" (LU,
# LDLᵀ), "leading minor of order 2" (Cholesky), "column 4 (0-based" (sparse Cholesky); 0 if none.
function info_in(message::AbstractString)
    m = match(r"pivot (\d+) of|minor of order (\d+)|column (\d+) \(0-based", message)
    m === nothing && return 0
    m[1] !== nothing && return parse(Int, m[1])
    m[2] !== nothing && return parse(Int, m[2])
    return parse(Int, m[3]) + 1
end
