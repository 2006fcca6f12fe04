"""
    FastLinalgError(status, name, message)

A failed library call: `status` is the C `fl_status` value (1 = invalid argument,
2 = dimension mismatch, 3 = dtype mismatch, 4 = singular, 5 = not positive definite,
6 = non-finite, 7 = too large, 8 = out of memory, 9 = unsupported, 10 = internal), `name`
its `fl_status_string` and `message` the `fl_last_error` text naming the argument.
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
    name = unsafe_string(ccall((:fl_status_string, libfastlinalg), Cstring, (Cint,), status))
    throw(FastLinalgError(status, name, message))
end
