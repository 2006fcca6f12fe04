# Block-partitioned sums and the matrix-calculus toolkit. "A in blocks of n rows" reads A
# as [A₁; A₂; …]; the library checks that n divides the rows and that paired block counts
# agree, and names the argument when they do not. The library is given each matrix's
# rows and columns only where the call's signature has them; the other dimensions it
# infers (B has A's k columns, ...), so those are checked here before the call.

"Σᵢ Aᵢ Bᵢᵀ, n1-by-n2 (A and B in blocks of n1 and n2 rows)."
function block_sum_abt(A::StridedMatrix, B::StridedMatrix, n1::Integer, n2::Integer)
    T = same_eltype(A, B)
    require_shape("B's columns", size(B, 2), size(A, 2))
    out = Matrix{T}(undef, n1, n2)
    check(ccall((:fl_block_sum_abt, libfastlinalg), Cint,
                (Cint, Int64, Int64, Int64, Int64, Int64, Cint, Ptr{Cvoid}, Int64, Cint, Ptr{Cvoid},
                 Int64, Cint, Ptr{Cvoid}, Int64),
                dtype(T), size(A, 1), size(B, 1), size(A, 2), n1, n2, FL_COL_MAJOR, A, ld(A),
                FL_COL_MAJOR, B, ld(B), FL_COL_MAJOR, out, ld(out)))
    return out
end

"Σᵢ Aᵢ C Bᵢᵀ, n1-by-n2."
function block_sum_acbt(A::StridedMatrix, C::StridedMatrix, B::StridedMatrix, n1::Integer,
                        n2::Integer)
    T = same_eltype(A, C, B)
    require_shape("C", size(C), (size(A, 2), size(B, 2)))
    out = Matrix{T}(undef, n1, n2)
    check(ccall((:fl_block_sum_acbt, libfastlinalg), Cint,
                (Cint, Int64, Int64, Int64, Int64, Int64, Int64, Cint, Ptr{Cvoid}, Int64, Cint,
                 Ptr{Cvoid}, Int64, Cint, Ptr{Cvoid}, Int64, Cint, Ptr{Cvoid}, Int64),
                dtype(T), size(A, 1), size(B, 1), size(A, 2), size(B, 2), n1, n2, FL_COL_MAJOR,
                A, ld(A), FL_COL_MAJOR, C, ld(C), FL_COL_MAJOR, B, ld(B), FL_COL_MAJOR, out,
                ld(out)))
    return out
end

"Σᵢ (Aᵢ - Bᵢ C)(Aᵢ - Bᵢ C)ᵀ, n-by-n."
function block_sum_residual(A::StridedMatrix, B::StridedMatrix, C::StridedMatrix, n::Integer)
    T = same_eltype(A, B, C)
    require_shape("B's rows", size(B, 1), size(A, 1))
    require_shape("C", size(C), (size(B, 2), size(A, 2)))
    out = Matrix{T}(undef, n, n)
    check(ccall((:fl_block_sum_residual, libfastlinalg), Cint,
                (Cint, Int64, Int64, Int64, Int64, Cint, Ptr{Cvoid}, Int64, Cint, Ptr{Cvoid}, Int64,
                 Cint, Ptr{Cvoid}, Int64, Cint, Ptr{Cvoid}, Int64),
                dtype(T), size(A, 1), size(A, 2), size(B, 2), n, FL_COL_MAJOR, A, ld(A),
                FL_COL_MAJOR, B, ld(B), FL_COL_MAJOR, C, ld(C), FL_COL_MAJOR, out, ld(out)))
    return out
end

"Σᵢ Aᵢ ⊗ Bᵢ, (n1 n2)-by-(k1 k2)."
function block_sum_kron(A::StridedMatrix, B::StridedMatrix, n1::Integer, n2::Integer)
    T = same_eltype(A, B)
    out = Matrix{T}(undef, n1 * n2, size(A, 2) * size(B, 2))
    check(ccall((:fl_block_sum_kron, libfastlinalg), Cint,
                (Cint, Int64, Int64, Int64, Int64, Int64, Int64, Cint, Ptr{Cvoid}, Int64, Cint,
                 Ptr{Cvoid}, Int64, Cint, Ptr{Cvoid}, Int64),
                dtype(T), size(A, 1), size(B, 1), size(A, 2), size(B, 2), n1, n2, FL_COL_MAJOR,
                A, ld(A), FL_COL_MAJOR, B, ld(B), FL_COL_MAJOR, out, ld(out)))
    return out
end

"Σⱼ Σᵢ Aᵢ Bⱼᵀ ⊗ Cᵢ Dⱼᵀ, n1²-by-n2²."
function block_sum_kron_abt_cdt(A::StridedMatrix, B::StridedMatrix, C::StridedMatrix,
                                D::StridedMatrix, n1::Integer, n2::Integer)
    T = same_eltype(A, B, C, D)
    require_shape("B's columns", size(B, 2), size(A, 2))
    require_shape("C's rows", size(C, 1), size(A, 1))
    require_shape("D", size(D), (size(B, 1), size(C, 2)))
    out = Matrix{T}(undef, n1^2, n2^2)
    check(ccall((:fl_block_sum_kron_abt_cdt, libfastlinalg), Cint,
                (Cint, Int64, Int64, Int64, Int64, Int64, Int64, Cint, Ptr{Cvoid}, Int64, Cint,
                 Ptr{Cvoid}, Int64, Cint, Ptr{Cvoid}, Int64, Cint, Ptr{Cvoid}, Int64, Cint,
                 Ptr{Cvoid}, Int64),
                dtype(T), size(A, 1), size(B, 1), size(A, 2), size(C, 2), n1, n2, FL_COL_MAJOR,
                A, ld(A), FL_COL_MAJOR, B, ld(B), FL_COL_MAJOR, C, ld(C), FL_COL_MAJOR, D, ld(D),
                FL_COL_MAJOR, out, ld(out)))
    return out
end

"Σᵢ Σⱼ Aᵢⱼ ⊗ Bᵢ Cⱼᵀ, n1²-by-n2² (Aᵢⱼ the n1-by-n2 blocks of A)."
function block_sum_kron_grid(A::StridedMatrix, B::StridedMatrix, C::StridedMatrix, n1::Integer,
                             n2::Integer)
    T = same_eltype(A, B, C)
    require_shape("B's rows", size(B, 1), size(A, 1))
    require_shape("C", size(C), (size(A, 2), size(B, 2)))
    out = Matrix{T}(undef, n1^2, n2^2)
    check(ccall((:fl_block_sum_kron_grid, libfastlinalg), Cint,
                (Cint, Int64, Int64, Int64, Int64, Int64, Cint, Ptr{Cvoid}, Int64, Cint, Ptr{Cvoid},
                 Int64, Cint, Ptr{Cvoid}, Int64, Cint, Ptr{Cvoid}, Int64),
                dtype(T), size(A, 1), size(A, 2), size(B, 2), n1, n2, FL_COL_MAJOR, A, ld(A),
                FL_COL_MAJOR, B, ld(B), FL_COL_MAJOR, C, ld(C), FL_COL_MAJOR, out, ld(out)))
    return out
end

"vecb(X): row (i-1) l2 + j is vec(Xᵢⱼ)ᵀ for the n1-by-n2 blocks Xᵢⱼ of X."
function vecb(X::StridedMatrix, n1::Integer, n2::Integer)
    T = same_eltype(X)
    out = Matrix{T}(undef, div(size(X, 1), max(n1, 1)) * div(size(X, 2), max(n2, 1)), n1 * n2)
    check(ccall((:fl_vecb, libfastlinalg), Cint,
                (Cint, Int64, Int64, Int64, Int64, Cint, Ptr{Cvoid}, Int64, Cint, Ptr{Cvoid}, Int64),
                dtype(T), size(X, 1), size(X, 2), n1, n2, FL_COL_MAJOR, X, ld(X), FL_COL_MAJOR,
                out, ld(out)))
    return out
end

"vech(X): X's lower triangle, column by column."
function vech(X::StridedMatrix)
    T = same_eltype(X)
    n = size(X, 1)
    require_shape("X", size(X), (n, n))
    out = Vector{T}(undef, div(n * (n + 1), 2))
    check(ccall((:fl_vech, libfastlinalg), Cint, (Cint, Int64, Cint, Ptr{Cvoid}, Int64, Ptr{Cvoid}),
                dtype(T), n, FL_COL_MAJOR, X, ld(X), out))
    return out
end

"K(m,n) X, the commutation matrix applied as the row permutation it is."
function commutation_apply(X::StridedMatrix, m::Integer, n::Integer)
    T = same_eltype(X)
    require_shape("X's rows", size(X, 1), m * n)
    out = Matrix{T}(undef, size(X))
    check(ccall((:fl_commutation_apply, libfastlinalg), Cint,
                (Cint, Int64, Int64, Int64, Cint, Ptr{Cvoid}, Int64, Cint, Ptr{Cvoid}, Int64),
                dtype(T), m, n, ncols(X), FL_COL_MAJOR, X, ld(X), FL_COL_MAJOR, out, ld(out)))
    return out
end

"K(m,n) as an (m n)-by-(m n) Matrix{T}: K(m,n) vec(A) = vec(Aᵀ) for m-by-n A."
function commutation_matrix(::Type{T}, m::Integer, n::Integer) where {T<:FlFloat}
    out = Matrix{T}(undef, m * n, m * n)
    check(ccall((:fl_commutation_matrix, libfastlinalg), Cint,
                (Cint, Int64, Int64, Cint, Ptr{Cvoid}, Int64),
                dtype(T), m, n, FL_COL_MAJOR, out, ld(out)))
    return out
end

# D(n) is n²-by-n(n+1)/2; its pseudo-inverse D⁺ the transposed shape.
duplication_shape(n, pinv) = pinv ? (div(n * (n + 1), 2), n^2) : (n^2, div(n * (n + 1), 2))

"op(M) X for M = D(n) (pinv=false) or D(n)⁺ (pinv=true), op = transpose when asked."
function duplication_apply(X::StridedMatrix, n::Integer; pinv::Bool=false, transpose::Bool=false)
    T = same_eltype(X)
    rows, cols = duplication_shape(n, pinv)
    transpose && ((rows, cols) = (cols, rows))
    require_shape("X's rows", size(X, 1), cols)
    out = Matrix{T}(undef, rows, size(X, 2))
    check(ccall((:fl_duplication_apply, libfastlinalg), Cint,
                (Cint, Int64, Cint, Cint, Int64, Cint, Ptr{Cvoid}, Int64, Cint, Ptr{Cvoid}, Int64),
                dtype(T), n, pinv, transpose ? FL_TRANS : FL_NO_TRANS, ncols(X), FL_COL_MAJOR, X,
                ld(X), FL_COL_MAJOR, out, ld(out)))
    return out
end

"D(n) (pinv=false) or D(n)⁺ (pinv=true) as a Matrix{T}."
function duplication_matrix(::Type{T}, n::Integer; pinv::Bool=false) where {T<:FlFloat}
    out = Matrix{T}(undef, duplication_shape(n, pinv)...)
    check(ccall((:fl_duplication_matrix, libfastlinalg), Cint,
                (Cint, Int64, Cint, Cint, Ptr{Cvoid}, Int64),
                dtype(T), n, pinv, FL_COL_MAJOR, out, ld(out)))
    return out
end
