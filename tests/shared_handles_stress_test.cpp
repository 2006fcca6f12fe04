// 16 threads share one handle of every kind (dense LU, Cholesky, LDL^T, QR, COD, SVD, EIGH,
// AUTO; sparse Cholesky, LU, QR) and one kernel handle, and every answer they get (solves
// both ways, inverse, logdet, rcond, rank, inertia; kernel matrix and gradient) is compared
// with the answer the same call gave on one thread before they started.
//
// What is compared is what the library promises (docs/reliability.md): bit-identical answers
// when the BLAS runs on one thread (the ThreadSanitizer stage, OPENBLAS_NUM_THREADS=1),
// otherwise answers equal to rounding: with several BLAS threads a concurrent call's serial
// region can change how many threads another call's BLAS uses, and with it the order of its
// sums. The matrices are well conditioned, so rounding means 1e-9 relative here.
#include "constructed_matrices.hpp"
#include "kernel_reference.hpp"
#include "sparse_support.hpp"
#include "test_support.hpp"

#include <gtest/gtest.h>

#include <cstring>
#include <functional>
#include <mutex>
#include <thread>

namespace fltest {
namespace {

constexpr int kThreads = 16;
constexpr int kRounds = 2;
constexpr int64_t kPoints = 48;  // of the kernel matrix

// One call on a shared handle: its status and every number it returned.
struct Answer {
    fl_status status = FL_OK;
    std::vector<double> values;
};
using Call = std::function<Answer()>;

struct Job {
    std::string name;
    Call call;
    Answer reference;  // from one thread, before the others start
};

template <class T>
void append(Answer &a, const Matrix<T> &m) {
    for (int64_t i = 0; i < m.rows(); ++i)
        for (int64_t j = 0; j < m.cols(); ++j) a.values.push_back(static_cast<double>(m(i, j)));
}

// The calls on a factor of an m-by-n A: solves with A and A^T, the inverse, and the queries
// (whose FL_ERR_UNSUPPORTED is an answer too).
void factor_jobs(std::vector<Job> &jobs, const std::string &name, const fl_factor *f, int64_t m,
                 int64_t n) {
    for (fl_transpose trans : kTransposes) {
        const int64_t brows = trans == FL_NO_TRANS ? m : n, xrows = trans == FL_NO_TRANS ? n : m;
        const Matrix<double> b =
            Matrix<double>::from_ref(random_ref(brows, 3, 500 + trans), FL_COL_MAJOR);
        jobs.push_back({name + " solve " + trans_name(trans),
                        [=] {
                            Matrix<double> x(xrows, 3,
                                             trans == FL_NO_TRANS ? FL_ROW_MAJOR : FL_COL_MAJOR);
                            Answer a{solve(f, trans, b, x), {}};
                            append(a, x);
                            return a;
                        },
                        {}});
    }
    jobs.push_back(
        {name + " inverse",
         [=] {
             Matrix<double> inv(n, m, FL_COL_MAJOR);
             Answer a{fl_factor_inverse(f, FL_FLOAT64, FL_COL_MAJOR, inv.data(), inv.ld()), {}};
             append(a, inv);
             return a;
         },
         {}});
    jobs.push_back({name + " queries",
                    [=] {
                        Answer a;
                        double sign = 0, logabs = 0, rcond = 0;
                        int64_t rank = 0, pos = 0, neg = 0, zero = 0;
                        const fl_status s[] = {fl_factor_logdet(f, &sign, &logabs),
                                               fl_factor_rcond(f, &rcond), fl_factor_rank(f, &rank),
                                               fl_factor_inertia(f, &pos, &neg, &zero)};
                        for (fl_status st : s) a.values.push_back(st);
                        a.values.insert(a.values.end(), {sign, logabs, rcond, double(rank),
                                                         double(pos), double(neg), double(zero)});
                        return a;
                    },
                    {}});
}

// Bit-identical with one BLAS thread; otherwise within 1e-9 of the largest |value|.
std::string differs(const Answer &got, const Answer &want, bool one_blas_thread) {
    if (got.status != want.status)
        return std::string("status ") + fl_status_string(got.status) + " instead of " +
               fl_status_string(want.status);
    if (got.values.size() != want.values.size()) return "a different number of values";
    double scale = 0;
    for (double v : want.values) scale = std::max(scale, std::fabs(v));
    for (size_t i = 0; i < got.values.size(); ++i) {
        const double g = got.values[i], w = want.values[i];
        const bool same = one_blas_thread ? std::memcmp(&g, &w, sizeof g) == 0
                                          : (std::fabs(g - w) <= 1e-9 * scale ||
                                             (std::isnan(g) && std::isnan(w)));
        if (!same)
            return "value " + std::to_string(i) + " is " + std::to_string(g) + " instead of " +
                   std::to_string(w);
    }
    return "";
}

TEST(SharedHandlesStress, SixteenThreadsEveryKindAgreeWithOneThread) {
    std::vector<FactorPtr> factors;
    std::vector<Job> jobs;
    const auto dense = [&](const std::string &name, fl_factor_kind kind, const Ref &a,
                           fl_layout layout) {
        FactorPtr f;
        ASSERT_EQ(make_factor(f, kind, Matrix<double>::from_ref(a, layout)), FL_OK)
            << name << ": " << fl_last_error();
        factor_jobs(jobs, name, f.get(), a.rows, a.cols);
        factors.push_back(std::move(f));
    };
    const Ref indefinite = with_eigenvalues(signed_spectrum(16, 16, 0.5L, 2.0L, 3), 4);
    const Ref deficient = multiply(random_ref(32, 24, 6), random_ref(24, 28, 7));  // rank 24
    dense("LU", FL_FACTOR_LU, diag_dominant_ref(32, 1, 4.0L), FL_ROW_MAJOR);
    dense("Cholesky", FL_FACTOR_CHOLESKY, spd_ref(32, 2), FL_COL_MAJOR);
    dense("LDLT", FL_FACTOR_LDLT, indefinite, FL_ROW_MAJOR);
    dense("QR", FL_FACTOR_QR, random_ref(40, 28, 5), FL_COL_MAJOR);
    dense("COD", FL_FACTOR_COD, deficient, FL_ROW_MAJOR);
    dense("SVD", FL_FACTOR_SVD, random_ref(36, 28, 8), FL_COL_MAJOR);
    dense("EIGH", FL_FACTOR_EIGH, indefinite, FL_COL_MAJOR);
    dense("AUTO", FL_FACTOR_AUTO, indefinite, FL_COL_MAJOR);

    const auto sparse = [&](const std::string &name, fl_factor_kind kind, const Ref &a) {
        SparsePtr s = make_sparse<double>(a);
        ASSERT_TRUE(s);
        fl_factor *f = nullptr;
        ASSERT_EQ(fl_factor_create_sparse(&f, kind, s.get(), nullptr), FL_OK)
            << name << ": " << fl_last_error();
        factors.emplace_back(f);
        factor_jobs(jobs, name, f, a.rows, a.cols);
    };
    Ref unsymmetric = laplacian_ref(6);  // nonsingular, made unsymmetric for LU
    unsymmetric(0, 9) += 0.5L;
    unsymmetric(30, 2) -= 0.25L;
    sparse("sparse Cholesky", FL_FACTOR_SPARSE_CHOLESKY, laplacian_ref(6));
    sparse("sparse LU", FL_FACTOR_SPARSE_LU, unsymmetric);
    sparse("sparse QR", FL_FACTOR_SPARSE_QR, sparse_random_ref(40, 28, 0.15, 10));

    KernelPtr kernel;
    const KernelSpec spec = random_spec(FL_KERNEL_MATERN52, FL_METRIC_ARD, 3, 11);
    ASSERT_EQ(make_kernel(kernel, spec), FL_OK) << fl_last_error();
    const Matrix<double> x = Matrix<double>::from_ref(random_ref(kPoints, 3, 12), FL_ROW_MAJOR);
    const Matrix<double> w =
        Matrix<double>::from_ref(random_ref(kPoints, kPoints, 13), FL_COL_MAJOR);
    const fl_kernel *k = kernel.get();
    jobs.push_back({"kernel matrix",
                    [=] {
                        Matrix<double> km(kPoints, kPoints, FL_COL_MAJOR);
                        Answer a{
                            fl_kernel_matrix(k, FL_FLOAT64, FL_ROW_MAJOR, kPoints, x.data(), x.ld(),
                                             kPoints, nullptr, 1, FL_COL_MAJOR, km.data(), km.ld()),
                            {}};
                        append(a, km);
                        return a;
                    },
                    {}});
    jobs.push_back({"kernel gradient",
                    [=] {
                        Answer a;
                        a.values.assign(2 + spec.params.size(), 0.0);
                        a.status = fl_kernel_gradient(
                            k, FL_FLOAT64, FL_ROW_MAJOR, kPoints, x.data(), x.ld(), kPoints,
                            nullptr, 1, FL_COL_MAJOR, w.data(), w.ld(), a.values.data());
                        return a;
                    },
                    {}});

    for (Job &j : jobs) {
        j.reference = j.call();
        ASSERT_TRUE(j.reference.status == FL_OK || j.reference.status == FL_ERR_UNSUPPORTED)
            << j.name << ": " << fl_last_error();
    }
    const bool one_blas_thread = fl_get_num_threads() == 1;

    std::mutex mu;
    std::vector<std::string> failures;
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t)
        threads.emplace_back([&, t] {
            for (int round = 0; round < kRounds; ++round)
                for (size_t i = 0; i < jobs.size(); ++i) {  // each thread starts elsewhere
                    const Job &j = jobs[(i + static_cast<size_t>(t) * 7) % jobs.size()];
                    const std::string d = differs(j.call(), j.reference, one_blas_thread);
                    if (d.empty()) continue;
                    std::lock_guard<std::mutex> lock(mu);
                    failures.push_back("thread " + std::to_string(t) + ", " + j.name + ": " + d);
                }
        });
    for (auto &th : threads) th.join();
    for (size_t i = 0; i < failures.size() && i < 20; ++i) ADD_FAILURE() << failures[i];
    EXPECT_TRUE(failures.empty()) << failures.size()
                                  << " answers differed (one BLAS thread: " << one_blas_thread
                                  << ")";
}

}  // namespace
}  // namespace fltest
