# Stacks of small matrices (fl_stack_* and the fl_batch handle).
#
# A stack is an Array{T,3} of size (rows, cols, count): `count` column-major matrices one
# after the other, which is the C API's batch layout FL_COL_MAJOR with ld = rows and a stride
# of rows * cols between matrices. One bad matrix never fails a call: every call that
# factors returns `info`, a Vector{Int32} with 0 for each matrix that was factored and the
# fl_status the one-matrix call would have given (4 singular, 5 not positive definite,
# 6 NaN/Inf) for each that was not, whose outputs are then NaN.

stack_ld(A::Array{<:Any,3}) = Int64(max(1, size(A, 1)))
stack_stride(A::Array{<:Any,3}) = Int64(size(A, 1) * size(A, 2))

# (n, count) of a stack of square matrices.
function square_stack(A::Array{<:Any,3})
    require_shape("each matrix of the stack", (size(A, 1), size(A, 2)), (size(A, 1), size(A, 1)))
    return Int64(size(A, 1)), Int64(size(A, 3))
end

triangle_code(triangle::Symbol) = triangle === :upper ? FL_UPPER : triangle === :lower ? FL_LOWER :
    throw(ArgumentError("FastLinalg: triangle must be :lower or :upper, not :$triangle"))

"""
    stack_solve(A, B) -> (X, info)

X[:, :, l] = A[:, :, l]⁻¹ B[:, :, l] for every l, by LU with partial pivoting. A is
(n, n, count), B (n, nrhs, count).
"""
function stack_solve(A::Array{T,3}, B::Array{T,3}) where {T<:FlFloat}
    n, count = square_stack(A)
    require_shape("B", (size(B, 1), size(B, 3)), (n, count))
    X, info = similar(B), Vector{Int32}(undef, count)
    check(ccall((:fl_stack_solve, libfastlinalg), Cint,
                (Cint, Cint, Int64, Int64, Ptr{Cvoid}, Int64, Int64, Int64, Ptr{Cvoid}, Int64,
                 Int64, Ptr{Cvoid}, Int64, Int64, Ptr{Int32}),
                dtype(T), FL_COL_MAJOR, count, n, A, stack_ld(A), stack_stride(A), size(B, 2),
                B, stack_ld(B), stack_stride(B), X, stack_ld(X), stack_stride(X), info))
    return X, info
end

"""
    stack_inv(A) -> (Ainv, info)

The inverse of every matrix of the (n, n, count) stack A, by LU with partial pivoting.
"""
function stack_inv(A::Array{T,3}) where {T<:FlFloat}
    n, count = square_stack(A)
    Y, info = similar(A), Vector{Int32}(undef, count)
    check(ccall((:fl_stack_inverse, libfastlinalg), Cint,
                (Cint, Cint, Int64, Int64, Ptr{Cvoid}, Int64, Int64, Ptr{Cvoid}, Int64, Int64,
                 Ptr{Int32}),
                dtype(T), FL_COL_MAJOR, count, n, A, stack_ld(A), stack_stride(A), Y,
                stack_ld(Y), stack_stride(Y), info))
    return Y, info
end

"""
    stack_logabsdet(A) -> (logabsdet, sign, info)

log|det| and the sign of the determinant of every matrix of the stack A (a singular
matrix is sign 0, logabsdet -Inf and info 0, as `logabsdet` of a singular `lu`).
"""
function stack_logabsdet(A::Array{T,3}) where {T<:FlFloat}
    n, count = square_stack(A)
    sign, labs, info = Vector{Float64}(undef, count), Vector{Float64}(undef, count),
                       Vector{Int32}(undef, count)
    check(ccall((:fl_stack_slogdet, libfastlinalg), Cint,
                (Cint, Cint, Int64, Int64, Ptr{Cvoid}, Int64, Int64, Ptr{Cdouble}, Ptr{Cdouble},
                 Ptr{Int32}),
                dtype(T), FL_COL_MAJOR, count, n, A, stack_ld(A), stack_stride(A), sign, labs,
                info))
    return labs, sign, info
end

"""
    stack_cholesky(A; triangle=:lower) -> (L, info)

The lower Cholesky factor of every symmetric positive definite matrix of the stack A,
zeros above the diagonal; only `triangle` of each A[:, :, l] is read.
"""
function stack_cholesky(A::Array{T,3}; triangle::Symbol=:lower) where {T<:FlFloat}
    n, count = square_stack(A)
    L, info = similar(A), Vector{Int32}(undef, count)
    check(ccall((:fl_stack_cholesky, libfastlinalg), Cint,
                (Cint, Cint, Int64, Int64, Ptr{Cvoid}, Int64, Int64, Cint, Ptr{Cvoid}, Int64,
                 Int64, Ptr{Int32}),
                dtype(T), FL_COL_MAJOR, count, n, A, stack_ld(A), stack_stride(A),
                triangle_code(triangle), L, stack_ld(L), stack_stride(L), info))
    return L, info
end

"""
    stack_cholesky_solve(A, B; triangle=:lower) -> (X, info)

X[:, :, l] = A[:, :, l]⁻¹ B[:, :, l] for every symmetric positive definite A[:, :, l].
"""
function stack_cholesky_solve(A::Array{T,3}, B::Array{T,3};
                              triangle::Symbol=:lower) where {T<:FlFloat}
    n, count = square_stack(A)
    require_shape("B", (size(B, 1), size(B, 3)), (n, count))
    X, info = similar(B), Vector{Int32}(undef, count)
    check(ccall((:fl_stack_cholesky_solve, libfastlinalg), Cint,
                (Cint, Cint, Int64, Int64, Ptr{Cvoid}, Int64, Int64, Cint, Int64, Ptr{Cvoid},
                 Int64, Int64, Ptr{Cvoid}, Int64, Int64, Ptr{Int32}),
                dtype(T), FL_COL_MAJOR, count, n, A, stack_ld(A), stack_stride(A),
                triangle_code(triangle), size(B, 2), B, stack_ld(B), stack_stride(B), X,
                stack_ld(X), stack_stride(X), info))
    return X, info
end

"""
    stack_eigen(A; triangle=:lower, vectors=true) -> (values, vectors, info)

Ascending eigenvalues (an (n, count) matrix) and orthonormal eigenvectors (an
(n, n, count) stack, or `nothing` when `vectors=false`) of every symmetric matrix of A.
"""
function stack_eigen(A::Array{T,3}; triangle::Symbol=:lower, vectors::Bool=true) where {T<:FlFloat}
    n, count = square_stack(A)
    W, info = Matrix{T}(undef, n, count), Vector{Int32}(undef, count)
    V = vectors ? similar(A) : nothing
    check(ccall((:fl_stack_eigh, libfastlinalg), Cint,
                (Cint, Cint, Int64, Int64, Ptr{Cvoid}, Int64, Int64, Cint, Ptr{Cvoid}, Int64,
                 Ptr{Cvoid}, Int64, Int64, Ptr{Int32}),
                dtype(T), FL_COL_MAJOR, count, n, A, stack_ld(A), stack_stride(A),
                triangle_code(triangle), W, n, vectors ? V : C_NULL,
                vectors ? stack_ld(V) : Int64(1), vectors ? stack_stride(V) : Int64(0), info))
    return W, V, info
end

"""
    Batch{T}

A factored stack of matrices held by the library (an `fl_batch` handle), immutable and
shareable between threads. Made by [`batch_factor`](@ref); freed by its finalizer or
`close(F)`.
"""
mutable struct Batch{T<:FlFloat}
    ptr::Ptr{Cvoid}
    function Batch{T}(ptr::Ptr{Cvoid}) where {T<:FlFloat}
        return finalizer(close, new{T}(ptr))
    end
end

function close(F::Batch)
    ccall((:fl_batch_destroy, libfastlinalg), Cvoid, (Ptr{Cvoid},), F.ptr)
    F.ptr = C_NULL
    return nothing
end

function Base.unsafe_convert(::Type{Ptr{Cvoid}}, F::Batch)
    F.ptr == C_NULL && throw(ArgumentError("FastLinalg: this Batch was closed"))
    return F.ptr
end

"""
    batch_factor(A; kind=:lu, options=nothing) -> (Batch, info)

Factors every matrix of the (rows, cols, count) stack A: `kind` is `:lu`, `:cholesky`,
`:ldlt`, `:qr` (rows >= cols) or `:eigh`. A failed matrix stays in the batch with NaN results.
"""
function batch_factor(A::Array{T,3}; kind::Symbol=:lu,
                      options::Union{Nothing,Options}=nothing) where {T<:FlFloat}
    code = get(FACTOR_KINDS, kind, 0)
    code == 0 && throw(ArgumentError("FastLinalg: unknown factor kind :$kind"))
    out, info = Ref{Ptr{Cvoid}}(C_NULL), Vector{Int32}(undef, size(A, 3))
    check(ccall((:fl_batch_create, libfastlinalg), Cint,
                (Ref{Ptr{Cvoid}}, Cint, Cint, Cint, Int64, Int64, Int64, Ptr{Cvoid}, Int64, Int64,
                 Ptr{Cvoid}, Ptr{Int32}),
                out, code, dtype(T), FL_COL_MAJOR, size(A, 3), size(A, 1), size(A, 2), A,
                stack_ld(A), stack_stride(A), options_ptr(options), info))
    return Batch{T}(out[]), info
end

# (kind code, rows, cols, count) as the handle reports them.
function describe(F::Batch)
    k, t = Ref{Cint}(0), Ref{Cint}(0)
    count, rows, cols = Ref{Int64}(0), Ref{Int64}(0), Ref{Int64}(0)
    check(ccall((:fl_batch_describe, libfastlinalg), Cint,
                (Ptr{Cvoid}, Ref{Cint}, Ref{Cint}, Ref{Int64}, Ref{Int64}, Ref{Int64}),
                F, k, t, count, rows, cols))
    return k[], Int(rows[]), Int(cols[]), Int(count[])
end

"(rows, cols, count) of the matrices of a batch."
size(F::Batch) = describe(F)[2:4]
kind(F::Batch) = only(k for (k, v) in FACTOR_KINDS if v == describe(F)[1])
eltype(::Type{Batch{T}}) where {T} = T

"""
    batch_solve(F, B) -> X

X[:, :, l] solves A_l X = B[:, :, l] (QR: in the least-squares sense) for every matrix of F;
B is (rows, nrhs, count), X (cols, nrhs, count).
"""
function batch_solve(F::Batch{T}, B::Array{T,3}) where {T}
    rows, cols, count = size(F)
    require_shape("B", (size(B, 1), size(B, 3)), (rows, count))
    X = Array{T,3}(undef, cols, size(B, 2), count)
    check(ccall((:fl_batch_solve, libfastlinalg), Cint,
                (Ptr{Cvoid}, Cint, Int64, Cint, Ptr{Cvoid}, Int64, Int64, Ptr{Cvoid}, Int64, Int64),
                F, dtype(T), size(B, 2), FL_COL_MAJOR, B, stack_ld(B), stack_stride(B), X,
                stack_ld(X), stack_stride(X)))
    return X
end

"(logabsdet, sign) vectors, one entry per matrix: LU, Cholesky, LDLᵀ and EIGH batches."
function logabsdet(F::Batch)
    count = size(F)[3]
    sign, labs = Vector{Float64}(undef, count), Vector{Float64}(undef, count)
    check(ccall((:fl_batch_logdet, libfastlinalg), Cint, (Ptr{Cvoid}, Ptr{Cdouble}, Ptr{Cdouble}),
                F, sign, labs))
    return labs, sign
end

"The reciprocal 1-norm condition number of every matrix of the batch."
function rcond(F::Batch)
    r = Vector{Float64}(undef, size(F)[3])
    check(ccall((:fl_batch_rcond, libfastlinalg), Cint, (Ptr{Cvoid}, Ptr{Cdouble}), F, r))
    return r
end

"The inverse (QR, EIGH: pseudo-inverse) of every matrix, a (cols, rows, count) stack."
function inv(F::Batch{T}) where {T}
    rows, cols, count = size(F)
    Y = Array{T,3}(undef, cols, rows, count)
    check(ccall((:fl_batch_inverse, libfastlinalg), Cint,
                (Ptr{Cvoid}, Cint, Cint, Ptr{Cvoid}, Int64, Int64),
                F, dtype(T), FL_COL_MAJOR, Y, stack_ld(Y), stack_stride(Y)))
    return Y
end

const BATCH_PARTS = Dict(:values => 4, :vectors => 5, :Q => 6, :R => 7)

"""
    batch_part(F, part) -> Array{T,3}

A part of every factor: `:values` (n, 1, count) and `:vectors` (n, n, count) of an EIGH
batch, `:Q` (rows, cols, count) and `:R` (cols, cols, count) of a QR batch.
"""
function batch_part(F::Batch{T}, part::Symbol) where {T}
    rows, cols, count = size(F)
    code = get(BATCH_PARTS, part, 0)
    code == 0 && throw(ArgumentError("FastLinalg: unknown batch part :$part"))
    shape = part === :values ? (cols, 1) : part === :Q ? (rows, cols) : (cols, cols)
    out = Array{T,3}(undef, shape..., count)
    check(ccall((:fl_batch_get_part, libfastlinalg), Cint,
                (Ptr{Cvoid}, Cint, Cint, Cint, Ptr{Cvoid}, Int64, Int64),
                F, code, dtype(T), FL_COL_MAJOR, out, stack_ld(out), stack_stride(out)))
    return out
end
