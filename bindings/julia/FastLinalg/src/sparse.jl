"""
    SparseHandle(S::SparseMatrixCSC{T,<:Integer})

The library's copy of a sparse matrix (an `fl_sparse`). SparseMatrixCSC stores 1-based
colptr and rowval; the C API takes 0-based CSC arrays, so 0-based Int64 copies
(`colptr .- 1`, `rowval .- 1`) are made for the call and the library keeps its own copy.
`set_values!` must not race with other users of the same handle.
"""
mutable struct SparseHandle{T<:FlScalar}
    ptr::Ptr{Cvoid}
    nentries::Int   # entries of the arrays it was made from: set_values! takes as many
    function SparseHandle(S::SparseMatrixCSC{T,<:Integer}) where {T<:FlScalar}
        entries = Int(S.colptr[end]) - 1
        colptr = Vector{Int64}(S.colptr) .- 1
        rowval = Vector{Int64}(S.rowval) .- 1
        out = Ref{Ptr{Cvoid}}(C_NULL)
        check(ccall((:fl_sparse_create, libfastlinalg), Cint,
                    (Ref{Ptr{Cvoid}}, Cint, Cint, Cint, Int64, Int64, Ptr{Cvoid}, Ptr{Cvoid},
                     Ptr{Cvoid}),
                    out, FL_SPARSE_CSC, FL_INDEX_INT64, dtype(T), size(S, 1), size(S, 2), colptr,
                    rowval, S.nzval))
        return finalizer(close, new{T}(out[], entries))
    end
end

function close(S::SparseHandle)
    ccall((:fl_sparse_destroy, libfastlinalg), Cvoid, (Ptr{Cvoid},), S.ptr)
    S.ptr = C_NULL
    return nothing
end

function Base.unsafe_convert(::Type{Ptr{Cvoid}}, S::SparseHandle)
    S.ptr == C_NULL && throw(ArgumentError("FastLinalg: this SparseHandle was closed"))
    return S.ptr
end

"(rows, cols, nnz) after duplicates were summed."
function size_nnz(S::SparseHandle)
    rows, cols, nnz = Ref{Int64}(0), Ref{Int64}(0), Ref{Int64}(0)
    check(ccall((:fl_sparse_shape, libfastlinalg), Cint,
                (Ptr{Cvoid}, Ref{Int64}, Ref{Int64}, Ref{Int64}), S, rows, cols, nnz))
    return (Int(rows[]), Int(cols[]), Int(nnz[]))
end
size(S::SparseHandle) = size_nnz(S)[1:2]
eltype(::Type{SparseHandle{T}}) where {T} = T

"New values for the same pattern, one per stored entry of the matrix it was made from."
function set_values!(S::SparseHandle, values::DenseVector{<:FlScalar})
    require_shape("values", length(values), S.nentries)
    check(ccall((:fl_sparse_set_values, libfastlinalg), Cint, (Ptr{Cvoid}, Cint, Ptr{Cvoid}),
                S, dtype(eltype(values)), values))
    return S
end

Base.:*(S::SparseHandle{T}, X::StridedVecOrMat{T}) where {T} = sparse_multiply(S, X)

"""Y = A X (or Aᵀ X with `transpose=true`, Aᴴ X with `adjoint=true`) for a dense X of the
handle's element type."""
function sparse_multiply(S::SparseHandle{T}, X::StridedVecOrMat{T}; transpose::Bool=false,
                         adjoint::Bool=false) where {T}
    op = op_code(transpose, adjoint)
    rows, cols = op == FL_NO_TRANS ? size(S) : reverse(size(S))
    require_shape("X", size(X, 1), cols)
    Y = X isa AbstractVector ? Vector{T}(undef, rows) : Matrix{T}(undef, rows, size(X, 2))
    check(ccall((:fl_sparse_multiply, libfastlinalg), Cint,
                (Ptr{Cvoid}, Cint, Cint, Int64, Cint, Ptr{Cvoid}, Int64, Cint, Ptr{Cvoid}, Int64),
                S, op, dtype(T), ncols(X), FL_COL_MAJOR, X, ld(X),
                FL_COL_MAJOR, Y, ld(Y)))
    return Y
end

"""
    sparse_factor(S; kind=:sparse_lu, options=nothing) -> Factor

Factors a sparse matrix (a SparseHandle or a SparseMatrixCSC) with `:sparse_cholesky`
(CHOLMOD), `:sparse_lu` (UMFPACK) or `:sparse_qr` (SPQR). The result is an ordinary
[`Factor`](@ref): `\\`, `ldiv!`, `logdet`, ... work on it as the kind allows.
"""
function sparse_factor(S::SparseHandle{T}; kind::Symbol=:sparse_lu,
                       options::Union{Nothing,Options}=nothing) where {T}
    code = get(FACTOR_KINDS, kind, 0)
    code >= 9 || throw(ArgumentError("FastLinalg: unknown sparse factor kind :$kind"))
    out = Ref{Ptr{Cvoid}}(C_NULL)
    status = ccall((:fl_factor_create_sparse, libfastlinalg), Cint,
                   (Ref{Ptr{Cvoid}}, Cint, Ptr{Cvoid}, Ptr{Cvoid}), out, code, S,
                   options_ptr(options))
    return new_factor(T, status, out)
end
sparse_factor(S::SparseMatrixCSC; kwargs...) = sparse_factor(SparseHandle(S); kwargs...)

"A new factor of S (same pattern as F's matrix), reusing F's symbolic analysis."
function refactor(F::Factor{T}, S::SparseHandle) where {T}
    out = Ref{Ptr{Cvoid}}(C_NULL)
    status = ccall((:fl_factor_refactor, libfastlinalg), Cint,
                   (Ref{Ptr{Cvoid}}, Ptr{Cvoid}, Ptr{Cvoid}), out, F, S)
    return new_factor(T, status, out)
end

"Sparse Cholesky: a new factor of A + V Vᵀ (sign = 1) or A - V Vᵀ (sign = -1)."
function sparse_rank_update(F::Factor{T}, V::SparseHandle, sign::Integer=1) where {T}
    out = Ref{Ptr{Cvoid}}(C_NULL)
    status = ccall((:fl_factor_rank_update_sparse, libfastlinalg), Cint,
                   (Ref{Ptr{Cvoid}}, Ptr{Cvoid}, Cint, Ptr{Cvoid}), out, F, sign, V)
    return new_factor(T, status, out)
end
