# LinearAlgebra's conventions for a Factor: issuccess, the parts a kind has as properties
# (F.U, F.S, F.V, F.Vt for SVD; F.values, F.vectors for EIGH; F.Q, F.R for QR, as Julia's
# SVD, Eigen and QR objects name them), and solves with F' and transpose(F). Singular and
# indefinite matrices throw LinearAlgebra's exceptions (errors.jl). LU, Cholesky and LDLᵀ
# factors have no properties: the library keeps their L, U and pivots in LAPACK's packed
# form and gives no copy of them.

"Whether F holds a factorization: true from creation (failures throw) until `close(F)`."
issuccess(F::Factor) = getfield(F, :ptr) != C_NULL

# property => (library part, how the copy is returned), per kind.
const PROPERTIES = Dict(
    :svd => (U=(:U, identity), S=(:singular_values, vec), V=(:Vt, copy ∘ adjoint), Vt=(:Vt, identity)),
    :eigh => (values=(:eigenvalues, vec), vectors=(:eigenvectors, identity)),
    :qr => (Q=(:Q, identity), R=(:R, identity)))

propertynames(F::Factor, private::Bool=false) =
    (keys(get(PROPERTIES, kind(F), NamedTuple()))..., (private ? (:ptr,) : ())...)

function getproperty(F::Factor, name::Symbol)
    name === :ptr && return getfield(F, :ptr)
    k = kind(F)
    props = get(PROPERTIES, k, NamedTuple())
    haskey(props, name) ||
        throw(ArgumentError("FastLinalg: a :$k factor has no property :$name" *
                            (isempty(props) ? "" : " (it has $(join(keys(props), ", ")))")))
    part, shape = props[name]
    return shape(factor_part(F, part))
end

# F' and transpose(F): Julia 1.10 wraps a Factorization in AdjointFactorization /
# TransposeFactorization, earlier versions in Adjoint / Transpose. F' solves with Aᴴ and
# transpose(F) with Aᵀ (the same for a real A).
const AdjointOfFactor = isdefined(LinearAlgebra, :AdjointFactorization) ?
    LinearAlgebra.AdjointFactorization{<:Any,<:Factor} : Adjoint{<:Any,<:Factor}
const TransposeOfFactor = isdefined(LinearAlgebra, :TransposeFactorization) ?
    LinearAlgebra.TransposeFactorization{<:Any,<:Factor} : Transpose{<:Any,<:Factor}

\(Fa::AdjointOfFactor, B::AbstractVecOrMat) = solve_new(parent(Fa), B, FL_CONJ_TRANS)
\(Ft::TransposeOfFactor, B::AbstractVecOrMat) = solve_new(parent(Ft), B, FL_TRANS)
