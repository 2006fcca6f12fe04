#include "mpi_test_support.hpp"

#include <algorithm>
#include <cmath>

namespace fltest::mpi {

int rank() {
    int r = 0;
    MPI_Comm_rank(MPI_COMM_WORLD, &r);
    return r;
}

int size() {
    int s = 1;
    MPI_Comm_size(MPI_COMM_WORLD, &s);
    return s;
}

int64_t world() { return MPI_Comm_c2f(MPI_COMM_WORLD); }

ContextPtr make_context(int64_t nprow, int64_t npcol) {
    fl_mpi_context *c = nullptr;
    EXPECT_EQ(fl_mpi_context_create(&c, world(), nprow, npcol), FL_OK) << fl_mpi_last_error();
    return ContextPtr(c);
}

DistPtr zeros(const fl_mpi_context *context, int64_t rows, int64_t cols, int64_t block) {
    fl_mpi_matrix *m = nullptr;
    EXPECT_EQ(fl_mpi_matrix_create(&m, context, FL_FLOAT64, rows, cols, block, block), FL_OK)
        << fl_mpi_last_error();
    return DistPtr(m);
}

DistPtr scatter(const fl_mpi_context *context, const Ref &r, int64_t block, int root,
                fl_layout layout) {
    DistPtr m = zeros(context, r.rows, r.cols, block);
    const Matrix<double> full = Matrix<double>::from_ref(r, layout);
    EXPECT_EQ(fl_mpi_matrix_scatter(m.get(), root, FL_FLOAT64, layout, full.data(), full.ld()),
              FL_OK)
        << fl_mpi_last_error();
    return m;
}

DistFactorPtr factor(fl_factor_kind kind, fl_mpi_matrix *a, int consume) {
    fl_mpi_factor *f = nullptr;
    expect_agreed(fl_mpi_factor_create(&f, kind, a, consume), FL_OK);
    return DistFactorPtr(f);
}

Ref gather_everywhere(const fl_mpi_matrix *m) {
    int64_t rows = 0, cols = 0;
    fl_mpi_matrix_shape(m, &rows, &cols, nullptr, nullptr, nullptr, nullptr);
    std::vector<double> full(static_cast<size_t>(std::max<int64_t>(1, rows * cols)));
    EXPECT_EQ(fl_mpi_matrix_gather(m, 0, FL_FLOAT64, FL_COL_MAJOR, full.data(),
                                   std::max<int64_t>(1, rows)),
              FL_OK)
        << fl_mpi_last_error();
    MPI_Bcast(full.data(), static_cast<int>(full.size()), MPI_DOUBLE, 0, MPI_COMM_WORLD);
    Ref r(rows, cols);
    for (int64_t k = 0; k < rows * cols; ++k) r.v[k] = full[k];
    return r;
}

void expect_agreed(fl_status status, fl_status expected, const std::string &message_part) {
    EXPECT_EQ(status, expected) << fl_mpi_last_error();
    int mine[2] = {status, -static_cast<int>(status)};
    MPI_Allreduce(MPI_IN_PLACE, mine, 2, MPI_INT, MPI_MAX, MPI_COMM_WORLD);
    EXPECT_EQ(mine[0], -mine[1]) << "the ranks returned different statuses";
    char message[512] = {};
    std::snprintf(message, sizeof message, "%s", fl_mpi_last_error());
    char root_message[512];
    std::memcpy(root_message, message, sizeof message);
    MPI_Bcast(root_message, sizeof root_message, MPI_CHAR, 0, MPI_COMM_WORLD);
    EXPECT_STREQ(message, root_message) << "the ranks hold different messages";
    if (expected != FL_OK) {
        EXPECT_TRUE(contains(message, message_part)) << message << " lacks " << message_part;
    }
}

Ref reference_solve(fl_factor_kind kind, const Ref &a, const Ref &b, fl_transpose trans) {
    FactorPtr f;
    EXPECT_EQ(make_factor(f, kind, Matrix<double>::from_ref(a, FL_COL_MAJOR)), FL_OK)
        << fl_last_error();
    const Matrix<double> bm = Matrix<double>::from_ref(b, FL_COL_MAJOR);
    Matrix<double> x(a.cols, b.cols, FL_COL_MAJOR);
    EXPECT_EQ(solve(f.get(), trans, bm, x), FL_OK) << fl_last_error();
    return x.to_ref();
}

double relative_difference(const Ref &a, const Ref &b) {
    long double diff = 0, scale = 1;
    for (size_t k = 0; k < a.v.size() && k < b.v.size(); ++k) {
        diff = std::max(diff, std::fabs(a.v[k] - b.v[k]));
        scale = std::max(scale, std::fabs(b.v[k]));
    }
    return static_cast<double>(diff / scale);
}

}  // namespace fltest::mpi
