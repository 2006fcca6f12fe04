"""
    rolled_matmul(A, B, k) -> out

For stacks A (m, n, d) and B (n, l, d), out (m, l, k, d) with
out[:, :, j, i] = A[:, :, i] * B[:, :, mod(i - 1 + j - 1, d) + 1]: the C function's
out[i, j] = A[i] B[(i + j) mod d] with Julia's 1-based i and j. Each matrix of a dense
column-major array is packed with no padding, so the arrays are FL_COL_MAJOR stacks as is.
"""
function rolled_matmul(A::DenseArray{T,3}, B::DenseArray{T,3}, k::Integer) where {T<:FlFloat}
    m, n, d = size(A)
    require_shape("B", (size(B, 1), size(B, 3)), (n, d))
    l = size(B, 2)
    out = Array{T,4}(undef, m, l, k, d)
    check(ccall((:fl_rolled_matmul, libfastlinalg), Cint,
                (Cint, Cint, Int64, Int64, Int64, Int64, Int64, Ptr{Cvoid}, Ptr{Cvoid}, Ptr{Cvoid}),
                dtype(T), FL_COL_MAJOR, d, k, m, n, l, A, B, out))
    return out
end

"""
    digitize(x, edges; right=false) -> Vector{Int64}

numpy.digitize's bin numbers: for increasing edges, the number of edges ≤ x (right=false)
or < x (right=true), from 0 (below the first edge) to length(edges). They are bin labels
(not array indices) and feed [`bincount`](@ref) and [`group_by_bin`](@ref) directly.
"""
function digitize(x::DenseVector{T}, edges::DenseVector{T}; right::Bool=false) where {T<:FlFloat}
    bins = Vector{Int64}(undef, length(x))
    check(ccall((:fl_digitize, libfastlinalg), Cint,
                (Cint, Int64, Ptr{Cvoid}, Int64, Ptr{Cvoid}, Cint, Ptr{Int64}),
                dtype(T), length(x), x, length(edges), edges, right, bins))
    return bins
end

"counts[b + 1] = how many labels equal b, for labels in 0:nbins-1 (labels as digitize gives)."
function bincount(labels::AbstractVector{<:Integer}, nbins::Integer)
    lab = Vector{Int64}(labels)
    counts = Vector{Int64}(undef, nbins)
    check(ccall((:fl_bincount, libfastlinalg), Cint, (Int64, Ptr{Int64}, Int64, Ptr{Int64}),
                length(lab), lab, nbins, counts))
    return counts
end

"sums[b + 1] = the sum of weights[i] over the i with labels[i] == b (accumulated in double)."
function bincount(labels::AbstractVector{<:Integer}, weights::DenseVector{T},
                  nbins::Integer) where {T<:FlFloat}
    lab = Vector{Int64}(labels)
    require_shape("weights", length(weights), length(lab))
    sums = Vector{T}(undef, nbins)
    check(ccall((:fl_bincount_weighted, libfastlinalg), Cint,
                (Int64, Ptr{Int64}, Cint, Ptr{Cvoid}, Int64, Ptr{Cvoid}),
                length(lab), lab, dtype(T), weights, nbins, sums))
    return sums
end

"""
    group_by_bin(labels, nbins) -> (offsets, perm)

A stable counting sort: the indices i (1-based) with labels[i] == b are
perm[offsets[b + 1]:offsets[b + 2] - 1]. The C arrays are 0-based; both are shifted by one
here, the way SparseMatrixCSC's colptr and rowval are.
"""
function group_by_bin(labels::AbstractVector{<:Integer}, nbins::Integer)
    lab = Vector{Int64}(labels)
    offsets = Vector{Int64}(undef, nbins + 1)
    perm = Vector{Int64}(undef, length(lab))
    check(ccall((:fl_group_by_bin, libfastlinalg), Cint,
                (Int64, Ptr{Int64}, Int64, Ptr{Int64}, Ptr{Int64}),
                length(lab), lab, nbins, offsets, perm))
    return (offsets .+ 1, perm .+ 1)
end
