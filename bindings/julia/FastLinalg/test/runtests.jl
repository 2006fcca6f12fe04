# The FastLinalg test suite. Julia is not installed where this project is built, so every
# call sequence below is mirrored, block by block and in the same order, by
# bindings/julia/mirror/sequence_test.c, which CI compiles and runs against the installed
# library. Each block here is labelled [Tn]; the C program carries the same labels.
# Inputs are closed-form (no random numbers) so that both programs see the same matrices.
using FastLinalg, LinearAlgebra, SparseArrays, Test

# 1-based formulas; the C mirror writes them with i + 1, j + 1.
nonsym(m, n) = [sin(i + 2j) + (i == j ? 4.0 : 0.0) for i in 1:m, j in 1:n]
rhs(m, k) = [cos(i * j) for i in 1:m, j in 1:k]
tridiag(n) = [i == j ? 2.0 : abs(i - j) == 1 ? -1.0 : 0.0 for i in 1:n, j in 1:n]
# Complex inputs: cnonsym adds i cos(2i - j) to nonsym; herm is Hermitian and diagonally
# dominant, so positive definite; crhs adds i sin(i + j) to rhs.
cnonsym(n) = [complex(sin(i + 2j) + (i == j ? 4.0 : 0.0), cos(2i - j)) for i in 1:n, j in 1:n]
herm(n) = [i == j ? complex(4.0) : complex(0.5 / abs(i - j), i < j ? 0.3 : -0.3) for i in 1:n, j in 1:n]
crhs(m, k) = [complex(cos(i * j), sin(i + j)) for i in 1:m, j in 1:k]
# ‖A X - B‖_F ≤ 50 n ε ‖A‖_F ‖X‖_F: the scaled residual the library's own tests use.
small_residual(A, X, B) =
    norm(A * X - B) <= 50 * size(A, 1) * eps(real(eltype(X))) * norm(A) * norm(X) + floatmin(Float32)

@testset "FastLinalg" begin

@testset "[T1] runtime information" begin
    v = FastLinalg.version()
    @test FastLinalg.version_number() == 10000 * v.major + 100 * v.minor + v.patch
    @test !isempty(blas_info())
    @test !isempty(blas_core())
    t = num_threads()
    @test t >= 1
    set_num_threads(t)
    @test num_threads() == t
end

@testset "[T2] LU: \\, ldiv!, in place, transpose, views, inv" begin
    A, B = nonsym(6, 6), rhs(6, 3)
    F = lu_factor(A)
    @test size(F) == (6, 6) && eltype(F) == Float64
    @test kind(F) == :lu && FastLinalg.library_eltype(F) == Float64
    X = F \ B
    @test small_residual(A, X, B)
    x = F \ B[:, 1]
    @test x isa Vector{Float64} && small_residual(A, x, B[:, 1])
    X2 = similar(B)
    ldiv!(X2, F, B)
    @test X2 == X
    Xt = similar(B)
    ldiv!(Xt, F, B; transpose=true)
    @test small_residual(copy(A'), Xt, B)
    B3 = copy(B)
    ldiv!(F, B3)
    @test small_residual(A, B3, B)
    Bbig = rhs(8, 5)
    Bv = view(Bbig, 2:7, 2:4)               # ld = stride(Bv, 2) = 8, first element Bbig[2, 2]
    Xv = F \ Bv
    @test small_residual(A, Xv, Bv)
    Ai = inv(F)
    @test norm(A * Ai - I) <= 50 * 6 * eps() * norm(A) * norm(Ai)
end

@testset "[T3] Cholesky in Float32: solve, det, logdet" begin
    S, B = Float32.(tridiag(5)), Float32.(rhs(5, 2))
    F = cholesky_factor(S)
    @test eltype(F) == Float32
    X = F \ B
    @test X isa Matrix{Float32} && small_residual(S, X, B)
    labs, sign = logabsdet(F)
    @test sign == 1 && isapprox(labs, log(6); rtol=1e-5)   # det(tridiag(n)) = n + 1
    @test isapprox(logdet(F), log(6); rtol=1e-5)
    @test isapprox(det(F), 6; rtol=1e-5)
end

@testset "[T4] LDLᵀ inertia, EIGH eigenvalues and rank" begin
    n = 5
    L = ldlt_factor(tridiag(n))
    @test inertia(L) == (n, 0, 0)
    E = eigh_factor(tridiag(n))
    w = factor_part(E, :eigenvalues)
    @test size(w) == (n, 1)
    @test all(abs(w[k] - (2 - 2cos(k * pi / (n + 1)))) <= 1e-13 for k in 1:n)
    @test rank(E) == n
    @test isapprox(det(E), n + 1; rtol=1e-12)
end

@testset "[T5] QR least squares" begin
    A, b = nonsym(8, 3), rhs(8, 1)[:, 1]
    F = qr_factor(A)
    x = F \ b
    @test length(x) == 3
    @test norm(A' * (A * x - b)) <= 50 * 8 * eps() * norm(A)^2 * (norm(x) + norm(b))
    r = residual_norms(F, reshape(b, 8, 1))
    @test isapprox(r[1], norm(A * x - b); rtol=1e-10)
end

@testset "[T6] SVD rank of a rank-2 matrix; LU has no rank" begin
    R = [Float64(i) * j + Float64(i)^2 * (6 - j) for i in 1:6, j in 1:5]
    @test rank(svd_factor(R)) == 2
    err = try rank(lu_factor(nonsym(4, 4))); nothing catch e; e end
    @test err isa FastLinalgError && err.status == 9
end

@testset "[T7] Options: the upper triangle only" begin
    S = tridiag(4)
    U = copy(S)
    U[2, 1] = U[3, 1] = NaN                  # never read with triangle = :upper
    o = Options(triangle=:upper, check_finite=false)
    @test FastLinalg.get_option(o, 2, Int64) == 2       # FL_UPPER
    F = cholesky_factor(U; options=o)
    B = rhs(4, 2)
    @test small_residual(S, F \ B, B)
    close(o)
end

@testset "[T8] products with A⁻¹" begin
    S, Y = tridiag(5), rhs(5, 2)
    F = cholesky_factor(S)
    Z = F \ Y
    Q = quadratic_form(F, Y)
    @test size(Q) == (2, 2) && isapprox(Q, Y' * Z; rtol=1e-12)
    @test isapprox(mahalanobis(F, Y), diag(Q); rtol=1e-12)
    @test isapprox(inverse_diagonal(F), diag(inv(F)); rtol=1e-12)
    W = rhs(5, 5)
    @test isapprox(trace_solve(F, W), tr(F \ W); rtol=1e-12)
end

@testset "[T9] kernel matrices against a direct loop" begin
    X1 = [0.3 * i - 0.2 * d^2 for i in 1:5, d in 1:2]
    X2 = [0.1 * i * d for i in 1:3, d in 1:2]
    k = Kernel(:gaussian, :isotropic, 2, [0.7]; sigma_f=1.5, noise=0.1)
    g(x, y) = 1.5^2 * exp(-sum(abs2, x - y) / (2 * 0.7^2))
    K = kernel_matrix(k, X1)
    @test all(abs(K[i, j] - (g(X1[i, :], X1[j, :]) + (i == j ? 0.1 : 0.0))) <= 1e-13
              for i in 1:5, j in 1:5)
    K12 = kernel_matrix(k, X1, X2)
    @test size(K12) == (5, 3)
    @test all(abs(K12[i, j] - g(X1[i, :], X2[j, :])) <= 1e-13 for i in 1:5, j in 1:3)
end

@testset "[T10] rolled products against a loop" begin
    m, n, l, d, k = 2, 3, 2, 4, 3
    A = [sin(a + 2b + 3c) for a in 1:m, b in 1:n, c in 1:d]
    B = [cos(a + b - c) for a in 1:n, b in 1:l, c in 1:d]
    out = rolled_matmul(A, B, k)
    @test size(out) == (m, l, k, d)
    @test all(isapprox(out[:, :, j, i], A[:, :, i] * B[:, :, mod(i + j - 2, d) + 1]; rtol=1e-13)
              for i in 1:d, j in 1:k)
end

@testset "[T11] binning on hand cases" begin
    x, edges = [0.5, 1.0, 2.5, -1.0, 3.0, 0.7], [0.0, 1.0, 2.0, 3.0]
    bins = digitize(x, edges)
    @test bins == [1, 2, 3, 0, 4, 1]
    @test digitize(x, edges; right=true) == [1, 1, 3, 0, 3, 1]
    @test bincount(bins, 5) == [1, 2, 1, 1, 1]
    @test bincount(bins, [1.0, 2.0, 3.0, 4.0, 5.0, 6.0], 5) == [4.0, 7.0, 2.0, 3.0, 5.0]
    offsets, perm = group_by_bin(bins, 5)
    @test offsets == [1, 2, 4, 5, 6, 7]
    @test perm == [4, 1, 6, 2, 3, 5]
    @test perm[offsets[2]:offsets[3]-1] == [1, 6]           # the points of bin 1
    err = try bincount([0, 7], 5); nothing catch e; e end
    @test err isa FastLinalgError && err.status == 1 && occursin("labels[1] = 7", err.message)
end

@testset "[T12] block sums and the calculus toolkit" begin
    A = [sin(i + 3j) for i in 1:6, j in 1:2]      # 3 blocks of 2 rows
    B = [cos(2i - j) for i in 1:9, j in 1:2]      # 3 blocks of 3 rows
    out = block_sum_abt(A, B, 2, 3)
    ref = sum(A[2i-1:2i, :] * B[3i-2:3i, :]' for i in 1:3)
    @test size(out) == (2, 3) && isapprox(out, ref; rtol=1e-13)
    X = [10.0 * i + j for i in 1:3, j in 1:3]
    @test vech(X) == [X[1, 1], X[2, 1], X[3, 1], X[2, 2], X[3, 2], X[3, 3]]
    M = [10.0 * i + j for i in 1:2, j in 1:3]
    @test commutation_matrix(Float64, 2, 3) * vec(M) == vec(permutedims(M))
end

@testset "[T13] sparse: product, LU solve, refactor, Cholesky logdet" begin
    colptr = [1, 3, 6, 9, 12]
    rowval = [1, 2, 1, 2, 3, 2, 3, 4, 1, 3, 4]
    nzval = [4.0, 1.0, 1.0, 4.0, 1.0, 1.0, 4.0, 1.0, 0.5, 1.0, 4.0]
    S = SparseMatrixCSC(4, 4, colptr, rowval, nzval)   # tridiag(1, 4, 1) plus A[1, 4] = 0.5
    A = Matrix(S)
    Sh = SparseHandle(S)                               # 0-based Int64 copies go to C
    @test FastLinalg.size_nnz(Sh) == (4, 4, 11)
    x = rhs(4, 2)
    @test isapprox(Sh * x, A * x; rtol=1e-14)
    @test isapprox(sparse_multiply(Sh, x; transpose=true), A' * x; rtol=1e-14)
    F = sparse_factor(Sh; kind=:sparse_lu)
    B = rhs(4, 3)
    X = F \ B
    @test small_residual(A, X, B)
    set_values!(Sh, 2 .* nzval)
    F2 = refactor(F, Sh)
    @test small_residual(2 .* A, F2 \ B, B)
    C = sparse_factor(S; kind=:sparse_cholesky)        # reads the lower triangle: tridiag(1, 4, 1)
    @test isapprox(logdet(C), log(209); rtol=1e-12)    # det = 209 by the three-term recurrence
end

@testset "[T14] errors carry the status and the message" begin
    e1 = try cholesky_factor(nonsym(3, 4)); nothing catch e; e end
    @test e1 isa FastLinalgError && e1.status == 1 && occursin("must be square", e1.message)
    R = lu_factor(nonsym(3, 4))                         # a rectangular LU has its parts only
    @test size(factor_part(R, :lower)) == (3, 3) && size(factor_part(R, :upper)) == (3, 4)
    e2 = try lu_factor(zeros(3, 3)); nothing catch e; e end
    @test e2 isa SingularException && e2.info == 1      # LinearAlgebra's own, as lu throws
    e3 = try cholesky_factor(-tridiag(3)); nothing catch e; e end
    @test e3 isa PosDefException && e3.info == 1
    F = lu_factor(nonsym(4, 4))
    e4 = try ldiv!(zeros(Float32, 4, 1), F, ones(Float32, 4, 1)); nothing catch e; e end
    @test e4 isa FastLinalgError && e4.status == 3
    @test_throws DimensionMismatch F \ ones(5)       # caught before any C call
end

@testset "[T16] LinearAlgebra conventions; save and load" begin
    A, B = nonsym(5, 5), rhs(5, 2)
    F = lu_factor(A)
    @test issuccess(F)
    X = F' \ B                                       # FL_CONJ_TRANS: Aᵀ for a real A
    @test small_residual(copy(A'), X, B)
    @test transpose(F) \ B[:, 1] ≈ X[:, 1]
    @test_throws ArgumentError F.L                    # LU keeps no copyable parts
    M = nonsym(6, 4)
    S = svd_factor(M)
    @test propertynames(S) == (:U, :S, :V, :Vt)
    @test norm(S.U * Diagonal(S.S) * S.Vt - M) <= 50 * 6 * eps() * norm(M)
    @test S.V == permutedims(S.Vt)
    E = eigh_factor(tridiag(4))
    @test norm(E.vectors * Diagonal(E.values) * E.vectors' - tridiag(4)) <= 200 * eps()
    Q = qr_factor(nonsym(6, 3))
    @test norm(Q.Q * Q.R - nonsym(6, 3)) <= 200 * eps() * norm(nonsym(6, 3))
    bytes = serialize_factor(F)
    G = deserialize_factor(bytes)
    @test kind(G) == :lu && G \ B == F \ B
    path = tempname()
    save_factor(path, F)
    H = load_factor(path)
    rm(path)
    @test H \ B == F \ B
    e = try deserialize_factor(bytes[1:end-1]); nothing catch e; e end
    @test e isa FastLinalgError && e.status == 1 && occursin("truncated", e.message)
    close(F)
    @test !issuccess(F)
end

@testset "[T17] stacks of small matrices, batches, factor_info" begin
    A = cat(nonsym(3, 3), tridiag(3), zeros(3, 3); dims=3)   # the third is singular
    B = cat(rhs(3, 2), rhs(3, 2), rhs(3, 2); dims=3)
    X, info = stack_solve(A, B)                              # fl_stack_solve
    @test info == Int32[0, 0, 4] && all(isnan, X[:, :, 3])
    @test small_residual(A[:, :, 1], X[:, :, 1], B[:, :, 1])
    @test small_residual(A[:, :, 2], X[:, :, 2], B[:, :, 2])
    labs, sign, info = stack_logabsdet(A)                    # fl_stack_slogdet
    @test info == Int32[0, 0, 0] && labs[2] ≈ log(4) && sign[2] == 1 && sign[3] == 0
    Y, info = stack_inv(A[:, :, 1:2])                        # fl_stack_inverse
    @test info == Int32[0, 0] && norm(Y[:, :, 2] * tridiag(3) - I) <= 100 * eps()
    S = cat(tridiag(3), tridiag(3); dims=3)
    L, info = stack_cholesky(S)                              # fl_stack_cholesky
    @test info == Int32[0, 0] && norm(L[:, :, 1] * L[:, :, 1]' - tridiag(3)) <= 100 * eps()
    Xs, info = stack_cholesky_solve(S, B[:, :, 1:2])         # fl_stack_cholesky_solve
    @test info == Int32[0, 0] && small_residual(tridiag(3), Xs[:, :, 2], B[:, :, 2])
    W, V, info = stack_eigen(S)                              # fl_stack_eigh
    @test info == Int32[0, 0] && norm(W[:, 1] - [2 - sqrt(2), 2, 2 + sqrt(2)]) <= 100 * eps()
    @test norm(tridiag(3) * V[:, :, 2] - V[:, :, 2] * Diagonal(W[:, 2])) <= 100 * eps()
    F, info = batch_factor(A[:, :, 1:2]; kind=:lu)           # fl_batch_create
    @test info == Int32[0, 0] && size(F) == (3, 3, 2) && kind(F) == :lu
    @test norm(batch_solve(F, B[:, :, 1:2]) - X[:, :, 1:2]) <= 100 * eps() * norm(X[:, :, 1:2])
    @test norm(logabsdet(F)[1] - labs[1:2]) <= 100 * eps()
    @test all(r -> 0 < r <= 1, rcond(F))
    @test norm(inv(F)[:, :, 2] * tridiag(3) - I) <= 100 * eps()
    E, info = batch_factor(S; kind=:eigh)
    @test norm(batch_part(E, :values)[:, 1, 1] - W[:, 1]) <= 100 * eps()
    e = try batch_factor(A; kind=:svd); nothing catch e; e end
    @test e isa FastLinalgError && e.status == 9             # FL_ERR_UNSUPPORTED
    G = lu_factor(nonsym(4, 4))
    @test factor_info(G, :precision) == 0 && factor_info(G, :overwrites_a) == 0
    M = lu_factor(nonsym(4, 4); options=Options(precision=:mixed))
    @test factor_info(M, :precision) == 1 && factor_info(M, :fallback) == 0
    @test norm(M \ rhs(4, 1) - G \ rhs(4, 1)) <= 100 * eps() * norm(G \ rhs(4, 1))
    close(F), close(E)
end

@testset "[T18] generalized eigenproblem A v = λ B v" begin
    A, B = tridiag(4), tridiag(4) + 4I
    F = generalized_eigh_factor(A, B)                        # fl_factor_create_generalized_eigh
    w, V = factor_part(F, :eigenvalues), factor_part(F, :eigenvectors)
    @test norm(A * V - B * V * Diagonal(w[:, 1])) <= 100 * eps() * norm(A) * norm(V)
    @test small_residual(A, F \ rhs(4, 1), rhs(4, 1))
    e = try generalized_eigh_factor(A, -B); nothing catch e; e end
    @test e isa FastLinalgError && e.status == 5             # FL_ERR_NOT_POSITIVE_DEFINITE
    close(F)
end

@testset "[T19] complex: solves with A, Aᵀ and Aᴴ, Hermitian Cholesky, the det's phase" begin
    A, B = cnonsym(5), crhs(5, 2)
    F = lu_factor(A)                                         # FL_COMPLEX128
    @test eltype(F) == ComplexF64 && FastLinalg.library_eltype(F) == ComplexF64
    X = F \ B
    @test X isa Matrix{ComplexF64} && small_residual(A, X, B)
    @test small_residual(copy(A'), F' \ B, B)                # FL_CONJ_TRANS
    @test small_residual(copy(transpose(A)), transpose(F) \ B, B)   # FL_TRANS
    Xa = similar(B)
    ldiv!(Xa, F, B; adjoint=true)
    @test small_residual(copy(A'), Xa, B)
    labs, phase = logabsdet(F)                               # fl_factor_logdet_complex
    u, piv = diag(factor_part(F, :lu_packed)), factor_indices(F, :pivots)
    @test abs(phase) ≈ 1 && phase ≈ (-1)^count(i -> piv[i] != i, 1:5) * prod(u ./ abs.(u))
    @test labs ≈ sum(log ∘ abs, u) && labs ≈ logabsdet(A)[1]
    @test det(F) ≈ det(A) && exp(logdet(F)) ≈ det(A)
    H = herm(5)
    C = cholesky_factor(H)                                   # Hermitian: H = L Lᴴ
    L = factor_part(C, :lower)
    @test norm(L * L' - H) <= 50 * 5 * eps() * norm(H)
    @test logabsdet(C)[2] ≈ 1 && small_residual(H, C \ B, B)
    E = eigh_factor(H)
    @test E.values isa Vector{Float64}
    @test norm(E.vectors * Diagonal(E.values) * E.vectors' - H) <= 50 * 5 * eps() * norm(H)
    S = svd_factor(A)
    @test S.S isa Vector{Float64} && S.V == copy(S.Vt')
    @test norm(S.U * Diagonal(S.S) * S.Vt - A) <= 50 * 5 * eps() * norm(A)
    As = A + transpose(A)                                    # complex symmetric: L D Lᵀ
    D = ldlt_factor(As; options=Options(complex_symmetric=true))
    @test small_residual(As, D \ B, B)
    G = lu_factor(ComplexF32.(A))                            # FL_COMPLEX64
    X32 = G \ ComplexF32.(B)
    @test X32 isa Matrix{ComplexF32} && small_residual(ComplexF32.(A), X32, ComplexF32.(B))
    e = try ldiv!(zeros(ComplexF64, 5, 1), G, ones(ComplexF64, 5, 1)); nothing catch e; e end
    @test e isa FastLinalgError && e.status == 3             # FL_ERR_DTYPE_MISMATCH
    Sp = sparse([abs(i - j) <= 1 ? A[i, j] : 0.0im for i in 1:5, j in 1:5])
    Sh = SparseHandle(Sp)
    Fs = sparse_factor(Sh)                                   # UMFPACK, complex
    @test small_residual(Matrix(Sp), Fs \ B, B) && small_residual(copy(Matrix(Sp)'), Fs' \ B, B)
    @test sparse_multiply(Sh, B; adjoint=true) ≈ Matrix(Sp)' * B
    close(F), close(C), close(E), close(S), close(D), close(G), close(Fs), close(Sh)
end

@testset "[T15] handles are freed: close, double close, finalizers" begin
    F = lu_factor(nonsym(3, 3))
    close(F)
    close(F)                                          # fl_factor_destroy(NULL) is a no-op
    @test_throws ArgumentError F \ ones(3)
    let G = cholesky_factor(tridiag(3)), k = Kernel(:matern32, :ard, 2, [1.0, 2.0])
        @test size(G) == (3, 3) && k.nparams == 2
    end
    GC.gc()                                           # runs fl_factor_destroy, fl_kernel_destroy
    @test true
end

end
