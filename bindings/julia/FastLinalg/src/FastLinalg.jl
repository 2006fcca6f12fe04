"""
    FastLinalg

Julia bindings of libfastlinalg: factor a matrix once, solve with it many times. Every
function here checks argument shapes and then makes one `ccall` into the C API declared in
fastlinalg/fastlinalg.h; no arithmetic is done on the Julia side.

Matrices are Julia's own column-major `Matrix{T}`, T = Float32, Float64, ComplexF32 or
ComplexF64 (or strided views with unit stride along the first dimension), passed as
FL_COL_MAJOR with `ld = stride(A, 2)`. Failures throw [`FastLinalgError`](@ref) with the library's status and
message.
"""
module FastLinalg

# The library path is read from ENV when the module is loaded. A precompiled cache would
# freeze the path seen at precompile time into `libfastlinalg`, so this small module is
# loaded without precompilation and FASTLINALG_LIB always means what it says.
__precompile__(false)

using LinearAlgebra
using SparseArrays

import LinearAlgebra: ldiv!, det, logdet, logabsdet, inv, rank, issuccess
import Base: \, size, eltype, close, getproperty, propertynames

include("library.jl")
include("errors.jl")
include("arguments.jl")
include("options.jl")
include("factor.jl")
include("conventions.jl")
include("saved.jl")
include("inverse_products.jl")
include("kernels.jl")
include("rolled_and_binning.jl")
include("block_sums.jl")
include("sparse.jl")
include("batched.jl")

export FastLinalgError, Options, Factor, logabsdet_phase, factorize_fl, lu_factor, cholesky_factor,
       ldlt_factor, qr_factor, cod_factor, svd_factor, eigh_factor,
       generalized_eigh_factor, kind, rcond, inertia,
       factor_part, factor_indices, apply_q!, residual_norms, solve_shifted, rank_update,
       quadratic_form, bilinear_form, sandwich, trace_solve, inverse_diagonal, mahalanobis,
       Kernel, kernel_matrix, kernel_gradient, rolled_matmul, digitize, bincount,
       group_by_bin, block_sum_abt, block_sum_acbt, block_sum_residual, block_sum_kron,
       block_sum_kron_abt_cdt, block_sum_kron_grid, vecb, vech, commutation_apply,
       commutation_matrix, duplication_apply, duplication_matrix, SparseHandle, sparse_multiply,
       set_values!, sparse_factor, refactor, sparse_rank_update, version, blas_info,
       blas_core, num_threads, set_num_threads, release_memory, issuccess, serialize_factor, deserialize_factor,
       save_factor, load_factor, factor_info, Batch, batch_factor, batch_solve, batch_part,
       stack_solve, stack_inv, stack_logabsdet, stack_cholesky, stack_cholesky_solve,
       stack_eigen

end # module
