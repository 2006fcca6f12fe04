# How Julia arrays cross the boundary: column-major, ld from the second stride.

# The element types the library computes in: ComplexF32/ComplexF64 are C99's float/double
# _Complex, (re, im) pairs. Real-only calls (kernels, binning, stacks) keep FlFloat.
const FlFloat = Union{Float32,Float64}
const FlScalar = Union{Float32,Float64,ComplexF32,ComplexF64}

dtype(::Type{Float32}) = FL_FLOAT32
dtype(::Type{Float64}) = FL_FLOAT64
dtype(::Type{ComplexF32}) = FL_COMPLEX64
dtype(::Type{ComplexF64}) = FL_COMPLEX128

# op(A) for a solve or product: A, Aᵀ (`transpose=true`) or Aᴴ (`adjoint=true`; Aᵀ for a
# real A, which the library also takes FL_CONJ_TRANS to mean).
op_code(transpose::Bool, adjoint::Bool) =
    adjoint ? FL_CONJ_TRANS : transpose ? FL_TRANS : FL_NO_TRANS

# A Julia matrix is FL_COL_MAJOR with ld = stride(A, 2), as long as its columns are
# contiguous; a vector is one column. ld >= 1 always (C's rule), even for 0 rows.
function ld(A::StridedMatrix)
    stride(A, 1) == 1 || throw(ArgumentError(
        "FastLinalg: a matrix must have contiguous columns (stride(A, 1) == 1); copy it first"))
    return Int64(max(1, stride(A, 2)))
end
function ld(v::StridedVector)
    stride(v, 1) == 1 || throw(ArgumentError("FastLinalg: a vector must be contiguous"))
    return Int64(max(1, length(v)))
end

# B as a strided array of element type T (copied only when it is not one already).
dense(::Type{T}, B::StridedVecOrMat{T}) where {T} = stride(B, 1) == 1 ? B : copy(B)
dense(::Type{T}, B::AbstractVecOrMat) where {T} = Array{T}(B)

ncols(A::AbstractVecOrMat) = Int64(size(A, 2))

function same_eltype(arrays...)
    T = eltype(first(arrays))
    all(a -> eltype(a) == T, arrays) ||
        throw(ArgumentError("FastLinalg: all matrices of one call must share one element type"))
    T <: FlScalar || throw(ArgumentError(
        "FastLinalg: element type must be Float32, Float64, ComplexF32 or ComplexF64"))
    return T
end

require_shape(what, actual, expected) = actual == expected ||
    throw(DimensionMismatch("FastLinalg: $what has size $actual, expected $expected"))
