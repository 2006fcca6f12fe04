"""
    Options(; check_finite=nothing, triangle=nothing, rtol=nothing, atol=nothing,
              precision=nothing, storage=nothing, complex_symmetric=nothing)

An `fl_options` handle; keywords left as `nothing` keep the library's defaults.
`triangle` is `:lower` or `:upper` (which triangle of A symmetric kinds read, in the
matrix as Julia stores it). `precision` is `:native` or `:mixed` (a Float64 LU or Cholesky
factored in Float32 and refined at every solve; see [`factor_info`](@ref)), `storage` is
`:full` or `:rfp` (Cholesky in rectangular full packed storage, half the memory).
`complex_symmetric=true` makes `:ldlt` of a complex A the complex symmetric L D Lᵀ (Aᵀ = A)
rather than the Hermitian L D Lᴴ. Not for concurrent mutation; freed by its finalizer or `close`.
"""
mutable struct Options
    ptr::Ptr{Cvoid}
    function Options(; check_finite=nothing, triangle=nothing, rtol=nothing, atol=nothing,
                     precision=nothing, storage=nothing, complex_symmetric=nothing)
        out = Ref{Ptr{Cvoid}}(C_NULL)
        check(ccall((:fl_options_create, libfastlinalg), Cint, (Ref{Ptr{Cvoid}},), out))
        o = finalizer(close, new(out[]))
        check_finite === nothing || set_option!(o, 1, Int64(check_finite))
        triangle === nothing ||
            set_option!(o, 2, Int64(triangle === :upper ? FL_UPPER : triangle === :lower ? FL_LOWER : 0))
        rtol === nothing || set_option!(o, 3, Float64(rtol))
        atol === nothing || set_option!(o, 4, Float64(atol))
        precision === nothing || set_option!(o, 5, Int64(precision === :mixed ? 1 :
                                                         precision === :native ? 0 : -1))
        storage === nothing ||
            set_option!(o, 7, Int64(storage === :rfp ? 1 : storage === :full ? 0 : -1))
        complex_symmetric === nothing || set_option!(o, 21, Int64(complex_symmetric))
        return o
    end
end

function close(o::Options)
    ccall((:fl_options_destroy, libfastlinalg), Cvoid, (Ptr{Cvoid},), o.ptr)
    o.ptr = C_NULL
    return nothing
end

function Base.unsafe_convert(::Type{Ptr{Cvoid}}, o::Options)
    o.ptr == C_NULL && throw(ArgumentError("FastLinalg: these Options were closed"))
    return o.ptr
end

set_option!(o::Options, option::Integer, value::Int64) =
    check(ccall((:fl_options_set_int, libfastlinalg), Cint, (Ptr{Cvoid}, Cint, Int64), o, option, value))
set_option!(o::Options, option::Integer, value::Float64) =
    check(ccall((:fl_options_set_real, libfastlinalg), Cint, (Ptr{Cvoid}, Cint, Cdouble), o, option, value))

function get_option(o::Options, option::Integer, ::Type{Int64})
    value = Ref{Int64}(0)
    check(ccall((:fl_options_get_int, libfastlinalg), Cint, (Ptr{Cvoid}, Cint, Ref{Int64}), o, option, value))
    return value[]
end
function get_option(o::Options, option::Integer, ::Type{Float64})
    value = Ref{Cdouble}(0)
    check(ccall((:fl_options_get_real, libfastlinalg), Cint, (Ptr{Cvoid}, Cint, Ref{Cdouble}), o, option, value))
    return value[]
end

# `nothing` means "all defaults", which C spells NULL.
options_ptr(o::Nothing) = C_NULL
options_ptr(o::Options) = o
