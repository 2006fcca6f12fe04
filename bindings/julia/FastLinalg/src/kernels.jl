const KERNEL_KINDS = Dict(:squared_distance => 1, :gaussian => 2, :matern12 => 3,
                          :matern32 => 4, :matern52 => 5)
const METRICS = Dict(:isotropic => 1, :ard => 2, :lowrank_diag => 3, :full => 4)

"""
    Kernel(kind, metric, dim, params; sigma_f=1.0, noise=0.0)

A stationary kernel σ_f² κ(r), r² = (x - y)ᵀ M (x - y), M given by `params` as `metric`
says (`:isotropic` [l], `:ard` [l₁ … l_dim], `:lowrank_diag` [vec(Λ); ψ], `:full` vec(M)).
`kind` is `:squared_distance`, `:gaussian`, `:matern12`, `:matern32` or `:matern52`.
Immutable and shareable between threads; freed by its finalizer or `close`.
"""
mutable struct Kernel
    ptr::Ptr{Cvoid}
    dim::Int
    nparams::Int
    function Kernel(kind::Symbol, metric::Symbol, dim::Integer, params::AbstractVector{<:Real};
                    sigma_f::Real=1.0, noise::Real=0.0)
        p = Vector{Float64}(params)
        out = Ref{Ptr{Cvoid}}(C_NULL)
        check(ccall((:fl_kernel_create, libfastlinalg), Cint,
                    (Ref{Ptr{Cvoid}}, Cint, Cint, Int64, Int64, Ptr{Cdouble}, Cdouble, Cdouble),
                    out, get(KERNEL_KINDS, kind, 0), get(METRICS, metric, 0), dim, length(p), p,
                    sigma_f, noise))
        return finalizer(close, new(out[], dim, length(p)))
    end
end

function close(k::Kernel)
    ccall((:fl_kernel_destroy, libfastlinalg), Cvoid, (Ptr{Cvoid},), k.ptr)
    k.ptr = C_NULL
    return nothing
end

function Base.unsafe_convert(::Type{Ptr{Cvoid}}, k::Kernel)
    k.ptr == C_NULL && throw(ArgumentError("FastLinalg: this Kernel was closed"))
    return k.ptr
end

# The points are rows of dim values: the library reads dim columns of X1 and X2 (it is not
# told their column counts), so they are checked here. X2 = nothing means X2 = X1 (C's
# NULL): K is then exactly symmetric, with noise on the diagonal.
function points2(k::Kernel, X1, X2)
    require_shape("X1's columns", size(X1, 2), k.dim)
    X2 === nothing && return (Int64(size(X1, 1)), C_NULL, Int64(1))
    require_shape("X2's columns", size(X2, 2), k.dim)
    return (Int64(size(X2, 1)), X2, ld(X2))
end

"K[i, j] = k(X1[i, :], X2[j, :]) for points stored as the rows of X1 (n1-by-dim) and X2."
function kernel_matrix(k::Kernel, X1::StridedMatrix, X2::Union{Nothing,StridedMatrix}=nothing)
    T = X2 === nothing ? same_eltype(X1) : same_eltype(X1, X2)
    n2, x2, ldx2 = points2(k, X1, X2)
    K = Matrix{T}(undef, size(X1, 1), n2)
    check(ccall((:fl_kernel_matrix, libfastlinalg), Cint,
                (Ptr{Cvoid}, Cint, Cint, Int64, Ptr{Cvoid}, Int64, Int64, Ptr{Cvoid}, Int64, Cint,
                 Ptr{Cvoid}, Int64),
                k, dtype(T), FL_COL_MAJOR, size(X1, 1), X1, ld(X1), n2, x2, ldx2, FL_COL_MAJOR,
                K, ld(K)))
    return K
end

"Σᵢⱼ W[i, j] ∂K[i, j]/∂θ for θ = (σ_f, noise, params...), a Vector of 2 + nparams."
function kernel_gradient(k::Kernel, X1::StridedMatrix, X2::Union{Nothing,StridedMatrix},
                         W::StridedMatrix)
    T = X2 === nothing ? same_eltype(X1, W) : same_eltype(X1, X2, W)
    n2, x2, ldx2 = points2(k, X1, X2)
    require_shape("W", size(W), (size(X1, 1), n2))
    grad = Vector{Float64}(undef, 2 + k.nparams)
    check(ccall((:fl_kernel_gradient, libfastlinalg), Cint,
                (Ptr{Cvoid}, Cint, Cint, Int64, Ptr{Cvoid}, Int64, Int64, Ptr{Cvoid}, Int64, Cint,
                 Ptr{Cvoid}, Int64, Ptr{Cdouble}),
                k, dtype(T), FL_COL_MAJOR, size(X1, 1), X1, ld(X1), n2, x2, ldx2, FL_COL_MAJOR,
                W, ld(W), grad))
    return grad
end
