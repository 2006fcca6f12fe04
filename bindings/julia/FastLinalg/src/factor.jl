"""
    Factor{T}

A factorization held by the library (an `fl_factor` handle), immutable and shareable
between threads. Made by [`factorize_fl`](@ref) and its named forms, or from a sparse
matrix by [`sparse_factor`](@ref). Freed by its finalizer, or at once by `close(F)`.
"""
mutable struct Factor{T<:FlScalar} <: Factorization{T}
    ptr::Ptr{Cvoid}
    function Factor{T}(ptr::Ptr{Cvoid}) where {T<:FlScalar}
        return finalizer(close, new{T}(ptr))
    end
end

function close(F::Factor)
    ccall((:fl_factor_destroy, libfastlinalg), Cvoid, (Ptr{Cvoid},), F.ptr)
    F.ptr = C_NULL
    return nothing
end

# Passing F itself to ccall (as Ptr{Cvoid}) keeps F rooted, so its finalizer cannot run
# while the library is using the handle.
function Base.unsafe_convert(::Type{Ptr{Cvoid}}, F::Factor)
    F.ptr == C_NULL && throw(ArgumentError("FastLinalg: this Factor was closed"))
    return F.ptr
end

# Wraps an out-handle that a successful create call filled.
function new_factor(::Type{T}, status::Cint, out::Ref{Ptr{Cvoid}}) where {T}
    check(status)
    return Factor{T}(out[])
end

"""
    factorize_fl(A; kind=:auto, options=nothing) -> Factor

Factors the dense matrix A (copied once by the library). `kind` is one of `:lu`,
`:cholesky`, `:ldlt`, `:qr`, `:cod`, `:svd`, `:eigh` or `:auto` (which picks one as
`LinearAlgebra.factorize` does; `kind(F)` says which). A ComplexF32/ComplexF64 A takes
every kind but `:auto`; `:cholesky`, `:ldlt` and `:eigh` read it as Hermitian (one
triangle), `:ldlt` as complex symmetric with `Options(complex_symmetric=true)`.
"""
function factorize_fl(A::StridedMatrix{T}; kind::Symbol=:auto,
                      options::Union{Nothing,Options}=nothing) where {T<:FlScalar}
    code = get(FACTOR_KINDS, kind, 0)
    (code == 0 || code > 8) && throw(ArgumentError("FastLinalg: unknown dense factor kind :$kind"))
    out = Ref{Ptr{Cvoid}}(C_NULL)
    status = ccall((:fl_factor_create, libfastlinalg), Cint,
                   (Ref{Ptr{Cvoid}}, Cint, Cint, Cint, Int64, Int64, Ptr{Cvoid}, Int64, Ptr{Cvoid}),
                   out, code, dtype(T), FL_COL_MAJOR, size(A, 1), size(A, 2), A, ld(A),
                   options_ptr(options))
    return new_factor(T, status, out)
end

lu_factor(A; options=nothing) = factorize_fl(A; kind=:lu, options)
cholesky_factor(A; options=nothing) = factorize_fl(A; kind=:cholesky, options)
ldlt_factor(A; options=nothing) = factorize_fl(A; kind=:ldlt, options)
qr_factor(A; options=nothing) = factorize_fl(A; kind=:qr, options)
cod_factor(A; options=nothing) = factorize_fl(A; kind=:cod, options)
svd_factor(A; options=nothing) = factorize_fl(A; kind=:svd, options)
eigh_factor(A; options=nothing) = factorize_fl(A; kind=:eigh, options)

"""
    generalized_eigh_factor(A, B; itype=1, options=nothing) -> Factor

The generalized symmetric-definite eigenproblem of a symmetric A and a symmetric positive
definite B (LAPACK sygvd): `itype` 1 is A v = λ B v, 2 is A B v = λ v, 3 is B A v = λ v.
`factor_part(F, :eigenvalues)` (ascending) and `:eigenvectors` (Vᵀ B V = I; Vᵀ B⁻¹ V = I for
itype 3); `F \\ b`, `logabsdet`, `rank` and `inertia` are A's; for itype 1 `solve_shifted`
solves (A + s B) X = C. `kind(F)` is `:eigh`.
"""
function generalized_eigh_factor(A::StridedMatrix{T}, B::StridedMatrix{T}; itype::Integer=1,
                                 options::Union{Nothing,Options}=nothing) where {T<:FlScalar}
    require_shape("A", size(A, 2), size(A, 1))
    require_shape("B", size(B), size(A))
    out = Ref{Ptr{Cvoid}}(C_NULL)
    status = ccall((:fl_factor_create_generalized_eigh, libfastlinalg), Cint,
                   (Ref{Ptr{Cvoid}}, Cint, Cint, Cint, Int64, Ptr{Cvoid}, Int64, Ptr{Cvoid}, Int64,
                    Ptr{Cvoid}),
                   out, itype, dtype(T), FL_COL_MAJOR, size(A, 1), A, ld(A), B, ld(B),
                   options_ptr(options))
    return new_factor(T, status, out)
end

"The kind of factorization F holds, as a Symbol (`:lu`, ..., `:sparse_qr`)."
function kind(F::Factor)
    code = ccall((:fl_factor_get_kind, libfastlinalg), Cint, (Ptr{Cvoid},), F)
    return only(k for (k, v) in FACTOR_KINDS if v == code)
end

size(F::Factor) = (Int(ccall((:fl_factor_rows, libfastlinalg), Int64, (Ptr{Cvoid},), F)),
                   Int(ccall((:fl_factor_cols, libfastlinalg), Int64, (Ptr{Cvoid},), F)))
size(F::Factor, d::Integer) = d <= 2 ? size(F)[d] : 1
eltype(::Type{Factor{T}}) where {T} = T

"The element type the library holds F in (always eltype(F); asked of the handle itself)."
function library_eltype(F::Factor)
    code = ccall((:fl_factor_get_dtype, libfastlinalg), Cint, (Ptr{Cvoid},), F)
    types = Dict(FL_FLOAT32 => Float32, FL_FLOAT64 => Float64, FL_COMPLEX64 => ComplexF32,
                 FL_COMPLEX128 => ComplexF64)
    return get(types, code, Nothing)
end

"""
    ldiv!(X, F, B; transpose=false, adjoint=false)

X = A⁻¹B (or the least-squares / minimum-norm solution, per the factor's kind) for every
column of B in one call; with `transpose=true`, X = A⁻ᵀB, with `adjoint=true` X = A⁻ᴴB (the
same as `transpose` for a real A). X and B share one element type, which must be the
factor's (else a FastLinalgError with status 3).
"""
function solve!(X::StridedVecOrMat, F::Factor, B::StridedVecOrMat, op::Cint)
    T = same_eltype(X, B)
    rows, cols = op == FL_NO_TRANS ? size(F) : reverse(size(F))
    require_shape("B", size(B, 1), rows)
    require_shape("X", (size(X, 1), size(X, 2)), (cols, size(B, 2)))
    check(ccall((:fl_factor_solve, libfastlinalg), Cint,
                (Ptr{Cvoid}, Cint, Cint, Int64, Cint, Ptr{Cvoid}, Int64, Cint, Ptr{Cvoid}, Int64),
                F, op, dtype(T), ncols(B), FL_COL_MAJOR, B, ld(B), FL_COL_MAJOR, X, ld(X)))
    return X
end

# Vector and matrix methods apiece: each is then more specific than LinearAlgebra's
# ldiv!(::AbstractVector, ::Factorization, ::AbstractVector) (and the matrix one).
ldiv!(X::StridedVector, F::Factor, B::StridedVector; transpose::Bool=false, adjoint::Bool=false) =
    solve!(X, F, B, op_code(transpose, adjoint))
ldiv!(X::StridedMatrix, F::Factor, B::StridedMatrix; transpose::Bool=false, adjoint::Bool=false) =
    solve!(X, F, B, op_code(transpose, adjoint))

"In place: B is overwritten by A⁻¹B (square kinds only; the library solves with x == b)."
ldiv!(F::Factor, B::StridedVecOrMat; transpose::Bool=false, adjoint::Bool=false) =
    solve!(B, F, B, op_code(transpose, adjoint))

# X = op(A)⁻¹ B with B converted to the factor's element type (a real B into a complex
# factor is promoted, as Julia's own \ does).
function solve_new(F::Factor{T}, B::AbstractVecOrMat, op::Cint) where {T}
    rows = op == FL_NO_TRANS ? size(F, 2) : size(F, 1)
    X = B isa AbstractVector ? Vector{T}(undef, rows) : Matrix{T}(undef, rows, size(B, 2))
    return solve!(X, F, dense(T, B), op)
end

\(F::Factor, B::AbstractVecOrMat) = solve_new(F, B, FL_NO_TRANS)

"""(log|det A|, sign): LU, Cholesky, LDLᵀ, EIGH and the sparse Cholesky/LU factors. For a
complex factor the sign is the complex phase det(A) / |det(A)|, as `logabsdet` of a complex
Matrix gives."""
function logabsdet(F::Factor)
    sign, labs = Ref{Cdouble}(0), Ref{Cdouble}(0)
    check(ccall((:fl_factor_logdet, libfastlinalg), Cint, (Ptr{Cvoid}, Ref{Cdouble}, Ref{Cdouble}),
                F, sign, labs))
    return (labs[], sign[])
end

"""
    logabsdet_phase(F) -> (log|det A|, phase)

The determinant as `phase * exp(logabsdet)` with a complex `phase` of modulus 1 (0 for a
singular A): `fl_factor_logdet_complex`, which answers for complex factors too, where
`logabsdet(F)`'s real sign cannot.
"""
function logabsdet_phase(F::Factor)
    re, im, labs = Ref{Cdouble}(0), Ref{Cdouble}(0), Ref{Cdouble}(0)
    check(ccall((:fl_factor_logdet_complex, libfastlinalg), Cint,
                (Ptr{Cvoid}, Ref{Cdouble}, Ref{Cdouble}, Ref{Cdouble}), F, re, im, labs))
    return (labs[], complex(re[], im[]))
end

# fl_factor_logdet refuses a complex factor: its sign is a phase.
logabsdet(F::Factor{<:Complex}) = logabsdet_phase(F)

function logdet(F::Factor)
    labs, sign = logabsdet(F)
    sign < 0 && throw(DomainError(sign, "FastLinalg: det(A) < 0, use logabsdet"))
    return labs
end

"log det(A) of a complex A: log|det A| + i arg(det A), as `logdet` of a complex Matrix."
function logdet(F::Factor{<:Complex})
    labs, phase = logabsdet(F)
    return complex(labs, angle(phase))
end

function det(F::Factor)
    labs, sign = logabsdet(F)
    return sign * exp(labs)
end

"The reciprocal condition number (LAPACK's 1-norm estimate, exact 2-norm for SVD/EIGH)."
function rcond(F::Factor)
    r = Ref{Cdouble}(0)
    check(ccall((:fl_factor_rcond, libfastlinalg), Cint, (Ptr{Cvoid}, Ref{Cdouble}), F, r))
    return r[]
end

"A⁻¹ (the pseudo-inverse for QR, COD, SVD, EIGH) as a new cols-by-rows Matrix."
function inv(F::Factor{T}) where {T}
    rows, cols = size(F)
    X = Matrix{T}(undef, cols, rows)
    check(ccall((:fl_factor_inverse, libfastlinalg), Cint, (Ptr{Cvoid}, Cint, Cint, Ptr{Cvoid}, Int64),
                F, dtype(T), FL_COL_MAJOR, X, ld(X)))
    return X
end

"The numerical rank (COD, SVD, EIGH, sparse QR)."
function rank(F::Factor)
    r = Ref{Int64}(0)
    check(ccall((:fl_factor_rank, libfastlinalg), Cint, (Ptr{Cvoid}, Ref{Int64}), F, r))
    return Int(r[])
end

"(positive, negative, zero) eigenvalue counts of a symmetric A."
function inertia(F::Factor)
    p, n, z = Ref{Int64}(0), Ref{Int64}(0), Ref{Int64}(0)
    check(ccall((:fl_factor_inertia, libfastlinalg), Cint,
                (Ptr{Cvoid}, Ref{Int64}, Ref{Int64}, Ref{Int64}), F, p, n, z))
    return (Int(p[]), Int(n[]), Int(z[]))
end

const PARTS = Dict(:singular_values => 1, :U => 2, :Vt => 3, :eigenvalues => 4,
                   :eigenvectors => 5, :Q => 6, :R => 7, :lower => 8, :upper => 9,
                   :lu_packed => 11, :block_diagonal => 13,
                   :reflectors => 14, :tau => 15)
const INDEX_PARTS = Dict(:row_permutation => 10, :pivots => 12, :column_permutation => 16)

# The parts that are real for every dtype (of a complex factor, in its precision's real type).
const REAL_PARTS = (:singular_values, :eigenvalues)

"""A copy of one part of F (`:singular_values`, `:U`, `:Vt`, `:eigenvalues`, `:eigenvectors`,
`:Q`, `:R` (for COD the pivoted QR's R); LU's and Cholesky's triangular factors `:lower`, `:upper`; LU's `:lu_packed`;
LDLᵀ's `:lower` and `:block_diagonal` D of P A Pᵀ = L D Lᵀ; QR's raw `:reflectors` and `:tau`,
geqrf's output) as a Matrix. Singular values and eigenvalues are real: a complex factor's
come as `real(T)`, as `svdvals` and `eigvals` of a Hermitian matrix give them."""
function factor_part(F::Factor{T}, part::Symbol) where {T}
    code = get(PARTS, part, 0)
    rows, cols = Ref{Int64}(0), Ref{Int64}(0)
    check(ccall((:fl_factor_part_shape, libfastlinalg), Cint,
                (Ptr{Cvoid}, Cint, Ref{Int64}, Ref{Int64}), F, code, rows, cols))
    S = part in REAL_PARTS ? real(T) : T
    out = Matrix{S}(undef, rows[], cols[])
    check(ccall((:fl_factor_get_part, libfastlinalg), Cint,
                (Ptr{Cvoid}, Cint, Cint, Cint, Ptr{Cvoid}, Int64), F, code, dtype(S), FL_COL_MAJOR,
                out, ld(out)))
    return out
end

"""An index part of an LU factor as a Vector{Int64}: `:row_permutation` (0-based rows of A,
row i of L U is row perm[i+1] of A; for LDLᵀ the symmetric permutation) or `:pivots` (getrf's
1-based row interchanges); for COD `:column_permutation` (0-based columns p, A[:, p] = Q R)."""
function factor_indices(F::Factor, part::Symbol)
    code = get(INDEX_PARTS, part, 0)
    rows, cols = Ref{Int64}(0), Ref{Int64}(0)
    check(ccall((:fl_factor_part_shape, libfastlinalg), Cint,
                (Ptr{Cvoid}, Cint, Ref{Int64}, Ref{Int64}), F, code, rows, cols))
    out = Vector{Int64}(undef, rows[])
    check(ccall((:fl_factor_get_indices, libfastlinalg), Cint,
                (Ptr{Cvoid}, Cint, Ptr{Int64}, Int64), F, code, out, rows[]))
    return out
end

"""QR, COD: C ← Q C (or Qᵀ C with `transpose=true`, Qᴴ C with `adjoint=true`) in place, Q
the full m-by-m factor."""
function apply_q!(F::Factor, C::StridedVecOrMat; transpose::Bool=false, adjoint::Bool=false)
    T = same_eltype(C)
    require_shape("C", size(C, 1), size(F, 1))
    check(ccall((:fl_factor_apply_q, libfastlinalg), Cint,
                (Ptr{Cvoid}, Cint, Cint, Int64, Cint, Ptr{Cvoid}, Int64),
                F, op_code(transpose, adjoint), dtype(T), ncols(C), FL_COL_MAJOR, C, ld(C)))
    return C
end

"QR, COD, SVD: the least-squares residual norms ‖bⱼ - A xⱼ‖ of B's columns (real)."
function residual_norms(F::Factor, B::StridedVecOrMat)
    T = same_eltype(B)
    require_shape("B", size(B, 1), size(F, 1))
    norms = Vector{real(T)}(undef, size(B, 2))
    check(ccall((:fl_factor_residual_norms, libfastlinalg), Cint,
                (Ptr{Cvoid}, Cint, Int64, Cint, Ptr{Cvoid}, Int64, Ptr{Cvoid}),
                F, dtype(T), ncols(B), FL_COL_MAJOR, B, ld(B), norms))
    return norms
end

"EIGH: X[:, :, l] = (A + shifts[l] I)⁻¹ B for every shift, one n-by-nrhs-by-nshifts array."
function solve_shifted(F::Factor, shifts::AbstractVector{<:Real}, B::StridedMatrix)
    T = same_eltype(B)
    n = size(F, 1)
    require_shape("B", size(B, 1), n)
    s = Vector{Float64}(shifts)
    X = Array{T,3}(undef, n, size(B, 2), length(s))
    check(ccall((:fl_factor_solve_shifted, libfastlinalg), Cint,
                (Ptr{Cvoid}, Cint, Int64, Ptr{Cdouble}, Int64, Cint, Ptr{Cvoid}, Int64, Cint,
                 Ptr{Cvoid}, Int64, Int64),
                F, dtype(T), length(s), s, ncols(B), FL_COL_MAJOR, B, ld(B), FL_COL_MAJOR, X,
                max(1, n), n * size(B, 2)))
    return X
end

"Cholesky: a new Factor of A + V Vᵀ (`sign = 1`) or A - V Vᵀ (`sign = -1`)."
function rank_update(F::Factor{T}, V::StridedVecOrMat, sign::Integer=1) where {T}
    S = same_eltype(V)
    require_shape("V", size(V, 1), size(F, 1))
    out = Ref{Ptr{Cvoid}}(C_NULL)
    status = ccall((:fl_factor_rank_update, libfastlinalg), Cint,
                   (Ref{Ptr{Cvoid}}, Ptr{Cvoid}, Cint, Cint, Int64, Cint, Ptr{Cvoid}, Int64),
                   out, F, sign, dtype(S), ncols(V), FL_COL_MAJOR, V, ld(V))
    return new_factor(T, status, out)
end

const FACTOR_INFO = Dict(:precision => 1, :fallback => 2, :refinement_steps => 3,
                         :overwrites_a => 4)

"""
    factor_info(F, what) -> Int

How F is held and solved (fl_factor_get_info): `:precision` (0 native, 1 mixed precision
refining to Float64), `:fallback` (why a mixed factor works in Float64: 0 none, 1 low
precision, 2 ill-conditioned, 3 not converged, 4 a query), `:refinement_steps` (the most any
solve took) or `:overwrites_a` (1 if the factor lives in the caller's A).
"""
function factor_info(F::Factor, what::Symbol)
    code = get(FACTOR_INFO, what, 0)
    code == 0 && throw(ArgumentError("FastLinalg: unknown factor_info :$what"))
    value = Ref{Int64}(0)
    check(ccall((:fl_factor_get_info, libfastlinalg), Cint, (Ptr{Cvoid}, Cint, Ref{Int64}),
                F, code, value))
    return Int(value[])
end
