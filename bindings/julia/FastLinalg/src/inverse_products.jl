# Products with A⁻¹ of a square factored A, none of which forms A⁻¹ (for QR, COD, SVD and
# EIGH factors A⁻¹ is the pseudo-inverse). Y is n-by-k, W n-by-p; results are new arrays.

function square_order(F::Factor)
    rows, cols = size(F)
    rows == cols || throw(DimensionMismatch("FastLinalg: A is $rows-by-$cols, not square"))
    return rows
end

"Yᵀ A⁻¹ Y, k-by-k (exactly symmetric for the symmetric kinds)."
function quadratic_form(F::Factor, Y::StridedMatrix)
    T = same_eltype(Y)
    require_shape("Y", size(Y, 1), square_order(F))
    out = Matrix{T}(undef, size(Y, 2), size(Y, 2))
    check(ccall((:fl_factor_quadratic_form, libfastlinalg), Cint,
                (Ptr{Cvoid}, Cint, Int64, Cint, Ptr{Cvoid}, Int64, Cint, Ptr{Cvoid}, Int64),
                F, dtype(T), ncols(Y), FL_COL_MAJOR, Y, ld(Y), FL_COL_MAJOR, out, ld(out)))
    return out
end

"Yᵀ A⁻¹ W, k-by-p."
function bilinear_form(F::Factor, Y::StridedMatrix, W::StridedMatrix)
    T = same_eltype(Y, W)
    n = square_order(F)
    require_shape("Y", size(Y, 1), n)
    require_shape("W", size(W, 1), n)
    out = Matrix{T}(undef, size(Y, 2), size(W, 2))
    check(ccall((:fl_factor_bilinear_form, libfastlinalg), Cint,
                (Ptr{Cvoid}, Cint, Int64, Cint, Ptr{Cvoid}, Int64, Int64, Cint, Ptr{Cvoid}, Int64,
                 Cint, Ptr{Cvoid}, Int64),
                F, dtype(T), ncols(Y), FL_COL_MAJOR, Y, ld(Y), ncols(W), FL_COL_MAJOR, W, ld(W),
                FL_COL_MAJOR, out, ld(out)))
    return out
end

"Y's element type and F's order n, once Y is checked to be n-by-n."
function square_operand(F::Factor, Y::StridedMatrix)
    T = same_eltype(Y)
    n = square_order(F)
    require_shape("Y", size(Y), (n, n))
    return T, n
end

"A⁻¹ Y A⁻¹ for an n-by-n Y."
function sandwich(F::Factor, Y::StridedMatrix)
    T, n = square_operand(F, Y)
    out = Matrix{T}(undef, n, n)
    check(ccall((:fl_factor_sandwich, libfastlinalg), Cint,
                (Ptr{Cvoid}, Cint, Cint, Ptr{Cvoid}, Int64, Cint, Ptr{Cvoid}, Int64),
                F, dtype(T), FL_COL_MAJOR, Y, ld(Y), FL_COL_MAJOR, out, ld(out)))
    return out
end

"tr(A⁻¹ Y) for an n-by-n Y, accumulated in double."
function trace_solve(F::Factor, Y::StridedMatrix)
    T, _ = square_operand(F, Y)
    tr = Ref{Cdouble}(0)
    check(ccall((:fl_factor_trace_solve, libfastlinalg), Cint,
                (Ptr{Cvoid}, Cint, Cint, Ptr{Cvoid}, Int64, Ref{Cdouble}),
                F, dtype(T), FL_COL_MAJOR, Y, ld(Y), tr))
    return tr[]
end

"diag(A⁻¹) as a Vector."
function inverse_diagonal(F::Factor{T}) where {T}
    d = Vector{T}(undef, square_order(F))
    check(ccall((:fl_factor_inverse_diagonal, libfastlinalg), Cint, (Ptr{Cvoid}, Cint, Ptr{Cvoid}),
                F, dtype(T), d))
    return d
end

"yⱼᵀ A⁻¹ yⱼ for every column yⱼ of Y (squared Mahalanobis norms)."
function mahalanobis(F::Factor, Y::StridedVecOrMat)
    T = same_eltype(Y)
    require_shape("Y", size(Y, 1), square_order(F))
    out = Vector{T}(undef, size(Y, 2))
    check(ccall((:fl_factor_mahalanobis, libfastlinalg), Cint,
                (Ptr{Cvoid}, Cint, Int64, Cint, Ptr{Cvoid}, Int64, Ptr{Cvoid}),
                F, dtype(T), ncols(Y), FL_COL_MAJOR, Y, ld(Y), out))
    return out
end
