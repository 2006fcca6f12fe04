// fl_factor_serialized_size / fl_factor_serialize / fl_factor_deserialize: every dense kind
// in both dtypes and layouts, empty, 1x1, rank-deficient and rectangular, comes back
// answering every query bit for bit as the saved factor did (and with LAPACK-scaled
// residuals below the threshold); the bytes are deterministic; and every truncation, random
// corruption, foreign, other-version, other-endian or inconsistent buffer is rejected with
// its own status and message, never a crash.
#include "error_expect.hpp"
#include "sparse_support.hpp"

#include <cstring>
#include <limits>
#include <random>

namespace fltest {
namespace {

using Bytes = std::vector<unsigned char>;

Bytes serialized(const fl_factor *f) {
    int64_t size = -1;
    EXPECT_EQ(fl_factor_serialized_size(f, &size), FL_OK) << fl_last_error();
    Bytes bytes(static_cast<size_t>(size));
    EXPECT_EQ(fl_factor_serialize(f, bytes.data(), size), FL_OK) << fl_last_error();
    return bytes;
}

FactorPtr deserialized(const Bytes &bytes) {
    fl_factor *f = nullptr;
    EXPECT_EQ(fl_factor_deserialize(&f, bytes.data(), static_cast<int64_t>(bytes.size())), FL_OK)
        << fl_last_error();
    return FactorPtr(f);
}

// Deserializing must fail with `want`, leave NULL in *factor and name fl_factor_deserialize.
void expect_rejected(const unsigned char *data, int64_t size, fl_status want, const char *word) {
    fl_factor *f = reinterpret_cast<fl_factor *>(uintptr_t{0x10});
    EXPECT_ERROR(fl_factor_deserialize(&f, data, size), want, "fl_factor_deserialize", word);
    EXPECT_EQ(f, nullptr);
}

// The format's checksum (docs/save_load.md), to forge intact buffers with wrong fields.
uint64_t checksum(const unsigned char *p, size_t size) {
    uint64_t h = 0xcbf29ce484222325ULL;
    size_t i = 0;
    for (; i + 8 <= size; i += 8) {
        uint64_t w;
        std::memcpy(&w, p + i, 8);
        h = (h ^ w) * 0x100000001b3ULL;
    }
    for (; i < size; ++i) h = (h ^ p[i]) * 0x100000001b3ULL;
    return h;
}
void reseal(Bytes &b) {
    const uint64_t sum = checksum(b.data(), b.size() - 8);
    std::memcpy(b.data() + b.size() - 8, &sum, 8);
}
constexpr size_t kHeader = 56;

// The answers of every query the two factors give must agree bit for bit (or both fail
// with the same status).
template <class T>
void expect_same_answers(const fl_factor *a, const fl_factor *b, const Ref &bref) {
    EXPECT_EQ(fl_factor_get_kind(a), fl_factor_get_kind(b));
    EXPECT_EQ(fl_factor_get_dtype(a), fl_factor_get_dtype(b));
    const int64_t m = fl_factor_rows(a), n = fl_factor_cols(a);
    EXPECT_EQ(m, fl_factor_rows(b));
    EXPECT_EQ(n, fl_factor_cols(b));
    double r1 = -1, r2 = -2;
    const fl_status rcond_status = fl_factor_rcond(a, &r1);  // a rectangular LU has none
    EXPECT_EQ(rcond_status, fl_factor_rcond(b, &r2));
    if (rcond_status == FL_OK) {
        EXPECT_EQ(std::memcmp(&r1, &r2, sizeof r1), 0) << r1 << " vs " << r2;
    }
    double s1 = 0, l1 = 0, s2 = 0, l2 = 0;
    EXPECT_EQ(fl_factor_logdet(a, &s1, &l1), fl_factor_logdet(b, &s2, &l2));
    EXPECT_EQ(s1, s2);
    EXPECT_EQ(std::memcmp(&l1, &l2, sizeof l1), 0);
    int64_t k1 = -1, k2 = -2;
    EXPECT_EQ(fl_factor_rank(a, &k1), fl_factor_rank(b, &k2));
    if (fl_factor_rank(a, &k1) == FL_OK) {
        EXPECT_EQ(k1, k2);
    }
    for (fl_layout l : kLayouts)
        for (fl_transpose t : kTransposes) {
            const int64_t brows = t == FL_NO_TRANS ? m : n, xrows = t == FL_NO_TRANS ? n : m;
            Ref r(brows, bref.cols);
            for (int64_t i = 0; i < brows; ++i)
                for (int64_t j = 0; j < bref.cols; ++j)
                    r(i, j) = bref(i % std::max<int64_t>(bref.rows, 1), j);
            const Matrix<T> bm = Matrix<T>::from_ref(rounded<T>(r), l);
            Matrix<T> x1(xrows, bref.cols, l), x2(xrows, bref.cols, l);
            EXPECT_EQ(solve(a, t, bm, x1), solve(b, t, bm, x2));
            EXPECT_TRUE(x1.bitwise_equal(x2)) << layout_name(l) << " " << trans_name(t);
        }
    Matrix<T> i1(n, m, FL_COL_MAJOR), i2(n, m, FL_COL_MAJOR);
    EXPECT_EQ(fl_factor_inverse(a, Dtype<T>::value, FL_COL_MAJOR, i1.data(), i1.ld()),
              fl_factor_inverse(b, Dtype<T>::value, FL_COL_MAJOR, i2.data(), i2.ld()));
    EXPECT_TRUE(i1.bitwise_equal(i2));
}

struct Case {
    fl_factor_kind kind;
    Ref a;
};

std::vector<Case> cases() {
    std::vector<Case> c;
    for (fl_factor_kind k :
         {FL_FACTOR_LU, FL_FACTOR_LDLT, FL_FACTOR_QR, FL_FACTOR_COD, FL_FACTOR_SVD, FL_FACTOR_EIGH})
        for (int64_t n : {0, 1, 7}) {
            Ref a = random_ref(n, n, 11 + uint64_t(n));
            if (k == FL_FACTOR_LDLT || k == FL_FACTOR_EIGH)
                a = multiply(a, transpose(a));  // symmetric
            if (k == FL_FACTOR_LDLT || k == FL_FACTOR_EIGH)
                for (int64_t i = 0; i < n; ++i) a(i, i) -= 0.5L;  // indefinite
            c.push_back({k, a});
        }
    for (int64_t n : {0, 1, 7}) c.push_back({FL_FACTOR_CHOLESKY, spd_ref(n, 21)});
    c.push_back({FL_FACTOR_LU, hilbert_ref(8)});  // ill-conditioned
    c.push_back({FL_FACTOR_QR, random_ref(9, 5, 31)});
    c.push_back({FL_FACTOR_QR, random_ref(0, 0, 31)});
    for (fl_factor_kind k : {FL_FACTOR_COD, FL_FACTOR_SVD}) {
        c.push_back({k, random_ref(9, 5, 32)});
        c.push_back({k, random_ref(5, 9, 33)});
        c.push_back({k, random_ref(0, 4, 34)});
        c.push_back({k, multiply(random_ref(8, 3, 35), random_ref(3, 6, 36))});  // rank 3
    }
    c.push_back({FL_FACTOR_EIGH,
                 multiply(random_ref(6, 2, 37), transpose(random_ref(6, 2, 37)))});  // rank 2
    // Rectangular LU: an LU record whose rows != cols.
    for (const auto &[m, n] : {std::pair<int64_t, int64_t>{9, 5}, {5, 9}, {0, 4}, {4, 0}})
        c.push_back({FL_FACTOR_LU, random_ref(m, n, 38)});
    return c;
}

FLTEST_TYPED_SUITE(SaveLoad);

TYPED_TEST(SaveLoad, EveryDenseKindComesBackAnsweringAlike) {
    using T = TypeParam;
    for (const Case &c : cases())
        for (fl_layout l : kLayouts) {
            SCOPED_TRACE(std::to_string(c.kind) + " " + std::to_string(c.a.rows) + "x" +
                         std::to_string(c.a.cols) + " " + layout_name(l));
            const Matrix<T> a = Matrix<T>::from_ref(rounded<T>(c.a), l);
            FactorPtr f;
            ASSERT_EQ(make_factor(f, c.kind, a), FL_OK) << fl_last_error();
            const Bytes bytes = serialized(f.get());
            const FactorPtr g = deserialized(bytes);
            ASSERT_NE(g, nullptr);
            expect_same_answers<T>(f.get(), g.get(),
                                   random_ref(std::max(c.a.rows, c.a.cols), 3, 41));
            // Deterministic bytes: the loaded factor saves to the same buffer.
            EXPECT_EQ(serialized(g.get()), bytes);
            // And the loaded factor solves well on its own, as LAPACK measures it.
            if (c.a.rows == c.a.cols && c.kind != FL_FACTOR_SVD && c.kind != FL_FACTOR_EIGH &&
                c.kind != FL_FACTOR_COD && c.a.rows > 0) {
                const Ref b = rounded<T>(random_ref(c.a.rows, 2, 42));
                const Matrix<T> bm = Matrix<T>::from_ref(b, l);
                Matrix<T> x(c.a.rows, 2, l);
                ASSERT_EQ(solve(g.get(), FL_NO_TRANS, bm, x), FL_OK) << fl_last_error();
                EXPECT_LT(solve_residual(rounded<T>(c.a), FL_NO_TRANS, x.to_ref(), b, eps<T>()),
                          kResidualThreshold);
            }
        }
}

TYPED_TEST(SaveLoad, AutomaticAndUpdatedFactors) {
    using T = TypeParam;
    const Matrix<T> a = Matrix<T>::from_ref(rounded<T>(spd_ref(6, 5)), FL_ROW_MAJOR);
    FactorPtr f, u;
    ASSERT_EQ(make_factor(f, FL_FACTOR_AUTO, a), FL_OK);
    const FactorPtr g = deserialized(serialized(f.get()));
    EXPECT_EQ(fl_factor_get_kind(g.get()), FL_FACTOR_CHOLESKY);
    expect_same_answers<T>(f.get(), g.get(), random_ref(6, 2, 43));
    // An updated Cholesky factor never saw its A: its rcond estimate survives the trip.
    const Matrix<T> v = Matrix<T>::from_ref(rounded<T>(random_ref(6, 2, 44)), FL_COL_MAJOR);
    fl_factor *raw = nullptr;
    ASSERT_EQ(
        fl_factor_rank_update(&raw, f.get(), 1, Dtype<T>::value, 2, FL_COL_MAJOR, v.data(), v.ld()),
        FL_OK);
    u.reset(raw);
    expect_same_answers<T>(u.get(), deserialized(serialized(u.get())).get(), random_ref(6, 2, 45));
}

TEST(SaveLoad, EveryTruncationIsRejected) {
    const Matrix<double> a = Matrix<double>::from_ref(random_ref(3, 3, 51), FL_COL_MAJOR);
    FactorPtr f;
    ASSERT_EQ(make_factor(f, FL_FACTOR_LU, a), FL_OK);
    Bytes bytes = serialized(f.get());
    for (size_t size = 0; size < bytes.size(); ++size) {
        SCOPED_TRACE(size);
        Bytes prefix(bytes.begin(), bytes.begin() + static_cast<std::ptrdiff_t>(
                                                        size));  // its own allocation, for ASan
        expect_rejected(prefix.data(), static_cast<int64_t>(size), FL_ERR_INVALID_ARGUMENT,
                        "buffer");
    }
    bytes.push_back(0);
    expect_rejected(bytes.data(), static_cast<int64_t>(bytes.size()), FL_ERR_INVALID_ARGUMENT,
                    "truncated or padded");
}

TEST(SaveLoad, RandomCorruptionIsRejected) {
    const Matrix<double> a = Matrix<double>::from_ref(random_ref(4, 3, 52), FL_ROW_MAJOR);
    FactorPtr f;
    ASSERT_EQ(make_factor(f, FL_FACTOR_COD, a), FL_OK);
    const Bytes bytes = serialized(f.get());
    std::mt19937_64 rng(53);
    for (int trial = 0; trial < 2000; ++trial) {
        Bytes b = bytes;
        const int changes = 1 + trial % 4;
        for (int c = 0; c < changes; ++c)
            b[rng() % b.size()] ^= static_cast<unsigned char>(1 + rng() % 255);
        fl_factor *g = nullptr;
        const fl_status s = fl_factor_deserialize(&g, b.data(), static_cast<int64_t>(b.size()));
        EXPECT_NE(s, FL_OK) << "trial " << trial;
        EXPECT_EQ(g, nullptr);
        fl_factor_destroy(g);
    }
}

// An LDL^T factor keeps the form of its parts (lower: L, upper: U) in the byte before its
// pivots: 0 or 1 (the stored triangle) in the lower form, as written before the upper form
// existed, and 2 or 3 in the upper form; any other value is refused.
TEST(SaveLoad, LdltKeepsTheFormOfItsParts) {
    const int64_t n = 4;
    Ref s = random_ref(n, n, 57);
    s = multiply(s, transpose(s));
    for (int64_t i = 0; i < n; ++i) s(i, i) -= 1.0L;  // indefinite
    const Matrix<double> a = Matrix<double>::from_ref(s, FL_COL_MAJOR);
    for (const fl_triangle tri : kTriangles) {
        FactorPtr f;
        ASSERT_EQ(make_factor(f, FL_FACTOR_LDLT, a, make_options(1, tri).get()), FL_OK);
        Bytes bytes = serialized(f.get());
        const size_t form_byte = bytes.size() - 8 - size_t(n) * sizeof(int32_t) - 1;
        EXPECT_EQ(bytes[form_byte], tri == FL_LOWER ? 0 : 3);  // column-major: stored = read
        const FactorPtr g = deserialized(bytes);
        ASSERT_NE(g, nullptr);
        const fl_factor_part part = tri == FL_LOWER ? FL_PART_LOWER : FL_PART_UPPER;
        Matrix<double> p1(n, n, FL_COL_MAJOR), p2(n, n, FL_COL_MAJOR);
        ASSERT_EQ(fl_factor_get_part(f.get(), part, FL_FLOAT64, FL_COL_MAJOR, p1.data(), p1.ld()),
                  FL_OK);
        ASSERT_EQ(fl_factor_get_part(g.get(), part, FL_FLOAT64, FL_COL_MAJOR, p2.data(), p2.ld()),
                  FL_OK)
            << fl_last_error();
        EXPECT_TRUE(p1.bitwise_equal(p2));
        bytes[form_byte] = 4;
        reseal(bytes);
        expect_rejected(bytes.data(), int64_t(bytes.size()), FL_ERR_INVALID_ARGUMENT,
                        "LDL^T triangles");
    }
}

// An LDL^T factor kept singular (FL_OPT_ALLOW_SINGULAR) reads its zero pivot back off D:
// the loaded factor refuses solves naming the same D[k, k], from either triangle.
TEST(SaveLoad, SingularLdltKeepsItsZeroPivot) {
    const int64_t n = 5;
    Ref s = random_ref(n, n, 58);
    s = multiply(s, transpose(s));
    for (int64_t i = 0; i < n; ++i) s(i, 2) = s(2, i) = 0.0L;  // a zero row and column
    const Matrix<double> a = Matrix<double>::from_ref(s, FL_COL_MAJOR);
    for (const fl_triangle tri : kTriangles) {
        OptionsPtr o = make_options(1, tri);
        ASSERT_EQ(fl_options_set_int(o.get(), FL_OPT_ALLOW_SINGULAR, 1), FL_OK);
        FactorPtr f;
        ASSERT_EQ(make_factor(f, FL_FACTOR_LDLT, a, o.get()), FL_OK) << fl_last_error();
        const FactorPtr g = deserialized(serialized(f.get()));
        ASSERT_NE(g, nullptr);
        const Matrix<double> b = Matrix<double>::from_ref(random_ref(n, 1, 59), FL_COL_MAJOR);
        Matrix<double> x(n, 1, FL_COL_MAJOR);
        ASSERT_EQ(solve(f.get(), FL_NO_TRANS, b, x), FL_ERR_SINGULAR);
        const std::string original = fl_last_error();
        EXPECT_EQ(solve(g.get(), FL_NO_TRANS, b, x), FL_ERR_SINGULAR);
        EXPECT_EQ(std::string(fl_last_error()), original);
        double sign = 1, logabs = 0;
        ASSERT_EQ(fl_factor_logdet(g.get(), &sign, &logabs), FL_OK);
        EXPECT_EQ(sign, 0.0);
        EXPECT_EQ(logabs, -std::numeric_limits<double>::infinity());
    }
}

TEST(SaveLoad, ForeignOtherVersionOtherEndianAndInconsistentBuffers) {
    const Matrix<double> a = Matrix<double>::from_ref(random_ref(3, 3, 54), FL_COL_MAJOR);
    FactorPtr f;
    ASSERT_EQ(make_factor(f, FL_FACTOR_LU, a), FL_OK);
    const Bytes good = serialized(f.get());
    const auto with = [&](size_t offset, uint32_t value, bool fix_checksum) {
        Bytes b = good;
        std::memcpy(b.data() + offset, &value, 4);
        if (fix_checksum) reseal(b);
        return b;
    };
    Bytes b = good;
    b[0] = 'G';
    expect_rejected(b.data(), int64_t(b.size()), FL_ERR_INVALID_ARGUMENT, "FLFACTOR");
    b = with(8, 2, false);
    expect_rejected(b.data(), int64_t(b.size()), FL_ERR_UNSUPPORTED, "format version 2");
    b = with(12, 0x04030201, false);
    expect_rejected(b.data(), int64_t(b.size()), FL_ERR_UNSUPPORTED, "byte order");
    b = with(20, 9, true);  // a sparse kind's value: never saved
    expect_rejected(b.data(), int64_t(b.size()), FL_ERR_INVALID_ARGUMENT, "kind 9");
    b = with(24, 3, true);
    expect_rejected(b.data(), int64_t(b.size()), FL_ERR_INVALID_ARGUMENT, "dtype 3");
    b = with(28, 8, true);
    expect_rejected(b.data(), int64_t(b.size()), FL_ERR_UNSUPPORTED, "LAPACK integers");
    b = with(20, 6, true);  // an LU payload read as SVD's fields
    expect_rejected(b.data(), int64_t(b.size()), FL_ERR_INVALID_ARGUMENT, "inconsistent");
    // An LU pivot beyond the order, with a valid checksum: caught by the field checks.
    const size_t pivots = kHeader + 1 + 9 * sizeof(double) + sizeof(double);
    b = with(pivots, 4, true);
    expect_rejected(b.data(), int64_t(b.size()), FL_ERR_INVALID_ARGUMENT, "LU pivots");
    b = with(pivots, 0, true);
    expect_rejected(b.data(), int64_t(b.size()), FL_ERR_INVALID_ARGUMENT, "LU pivots");
    // A negative norm of A, with a valid checksum: rcond would pass it to gecon (a fuzz finding).
    b = good;
    const double negative_norm = -1.0;
    std::memcpy(b.data() + kHeader + 1 + 9 * sizeof(double), &negative_norm, 8);
    reseal(b);
    expect_rejected(b.data(), int64_t(b.size()), FL_ERR_INVALID_ARGUMENT, "norm of A is negative");
    // A negative shape.
    b = good;
    const int64_t minus = -3;
    std::memcpy(b.data() + 32, &minus, 8);
    reseal(b);
    expect_rejected(b.data(), int64_t(b.size()), FL_ERR_INVALID_ARGUMENT, "-3");
    // An SVD record claiming 2e9 rows over a few bytes of payload: refused before the
    // singular vectors are allocated (the fuzzer found a 12 GB allocation here).
    const Matrix<double> tall = Matrix<double>::from_ref(random_ref(3, 2, 55), FL_COL_MAJOR);
    FactorPtr svd;
    ASSERT_EQ(make_factor(svd, FL_FACTOR_SVD, tall), FL_OK);
    b = serialized(svd.get());
    const int64_t huge = 2000000000;
    std::memcpy(b.data() + 32, &huge, 8);
    reseal(b);
    expect_rejected(b.data(), int64_t(b.size()), FL_ERR_INVALID_ARGUMENT, "the singular vectors (");
    // A COD record of an empty A claiming 2e9 columns: refused without a 16 GB allocation.
    const Matrix<double> empty(0, 3, FL_COL_MAJOR);
    FactorPtr cod;
    ASSERT_EQ(make_factor(cod, FL_FACTOR_COD, empty), FL_OK);
    b = serialized(cod.get());
    std::memcpy(b.data() + 40, &huge, 8);
    reseal(b);
    expect_rejected(b.data(), int64_t(b.size()), FL_ERR_INVALID_ARGUMENT, "inconsistent");
}

// A rectangular LU record (rows != cols in the header) is checked like a square one: its
// pivots must be rows of A, and its sizes must fit its payload.
TEST(SaveLoad, RectangularLuRecordsAreChecked) {
    const Matrix<double> a = Matrix<double>::from_ref(random_ref(3, 2, 56), FL_COL_MAJOR);
    FactorPtr f;
    ASSERT_EQ(make_factor(f, FL_FACTOR_LU, a), FL_OK);
    const Bytes good = serialized(f.get());
    ASSERT_EQ(good.size(), kHeader + 6 * sizeof(double) + 2 * sizeof(int32_t) + 8);
    const size_t pivots = kHeader + 6 * sizeof(double);
    for (const int32_t bad : {4, 0, -1}) {
        Bytes b = good;
        std::memcpy(b.data() + pivots + sizeof(int32_t), &bad, sizeof bad);
        reseal(b);
        expect_rejected(b.data(), int64_t(b.size()), FL_ERR_INVALID_ARGUMENT, "LU pivot");
    }
    // 2e9 rows over the same few bytes: refused before L and U are allocated.
    Bytes b = good;
    const int64_t huge = 2000000000;
    std::memcpy(b.data() + 32, &huge, 8);
    reseal(b);
    expect_rejected(b.data(), int64_t(b.size()), FL_ERR_INVALID_ARGUMENT, "L and U (");
}

TEST(SaveLoad, BadArguments) {
    const Matrix<double> a = Matrix<double>::from_ref(random_ref(3, 3, 55), FL_COL_MAJOR);
    FactorPtr f;
    ASSERT_EQ(make_factor(f, FL_FACTOR_LU, a), FL_OK);
    int64_t size = 0;
    EXPECT_ERROR(fl_factor_serialized_size(nullptr, &size), FL_ERR_INVALID_ARGUMENT,
                 "fl_factor_serialized_size", "factor");
    EXPECT_ERROR(fl_factor_serialized_size(f.get(), nullptr), FL_ERR_INVALID_ARGUMENT,
                 "fl_factor_serialized_size", "size");
    ASSERT_EQ(fl_factor_serialized_size(f.get(), &size), FL_OK);
    Bytes b(static_cast<size_t>(size) + 1, 0xab);
    EXPECT_ERROR(fl_factor_serialize(nullptr, b.data(), size), FL_ERR_INVALID_ARGUMENT,
                 "fl_factor_serialize", "factor");
    EXPECT_ERROR(fl_factor_serialize(f.get(), nullptr, size), FL_ERR_INVALID_ARGUMENT,
                 "fl_factor_serialize", "buffer");
    EXPECT_ERROR(fl_factor_serialize(f.get(), b.data(), size - 1), FL_ERR_INVALID_ARGUMENT,
                 "fl_factor_serialize", std::to_string(size - 1).c_str(),
                 std::to_string(size).c_str());
    EXPECT_ERROR(fl_factor_serialize(f.get(), b.data(), size + 1), FL_OK, "");
    EXPECT_EQ(b.back(), 0xab) << "a byte past the serialized size was written";
    fl_factor *g = nullptr;
    EXPECT_ERROR(fl_factor_deserialize(nullptr, b.data(), size), FL_ERR_INVALID_ARGUMENT,
                 "fl_factor_deserialize", "factor");
    EXPECT_ERROR(fl_factor_deserialize(&g, nullptr, size), FL_ERR_INVALID_ARGUMENT,
                 "fl_factor_deserialize", "buffer");
    EXPECT_ERROR(fl_factor_deserialize(&g, b.data(), -1), FL_ERR_INVALID_ARGUMENT,
                 "fl_factor_deserialize", "size");
    EXPECT_EQ(g, nullptr);
}

TEST(SaveLoad, SparseKindsAreUnsupported) {
    const SparsePtr s = make_sparse<double>(laplacian_ref(3));
    fl_factor *raw = nullptr;
    ASSERT_EQ(fl_factor_create_sparse(&raw, FL_FACTOR_SPARSE_LU, s.get(), nullptr), FL_OK)
        << fl_last_error();
    const FactorPtr f(raw);
    int64_t size = -1;
    EXPECT_ERROR(fl_factor_serialized_size(f.get(), &size), FL_ERR_UNSUPPORTED,
                 "fl_factor_serialized_size", "sparse LU", "serialized form");
    EXPECT_EQ(size, -1);  // a failed call leaves its outputs untouched
    unsigned char b[64];
    EXPECT_ERROR(fl_factor_serialize(f.get(), b, 64), FL_ERR_UNSUPPORTED, "fl_factor_serialize",
                 "sparse LU");
}

}  // namespace
}  // namespace fltest

// The C++ wrapper's serialize/deserialize and save/load to a file.
#include <fastlinalg/fastlinalg.hpp>

#include <unistd.h>
#include <cstdio>

namespace fltest {
namespace {

TEST(SaveLoadCpp, BytesAndFilesRoundTrip) {
    const Matrix<double> a = Matrix<double>::from_ref(spd_ref(5, 61), FL_ROW_MAJOR);
    const fastlinalg::factor f(FL_FACTOR_CHOLESKY, fastlinalg::row_major(a.data(), 5, 5));
    const std::vector<unsigned char> bytes = f.serialize();
    const fastlinalg::factor g = fastlinalg::factor::deserialize(bytes);
    EXPECT_EQ(g.kind(), FL_FACTOR_CHOLESKY);
    EXPECT_EQ(g.serialize(), bytes);
    const std::string path =
        testing::TempDir() + "fl_save_load_" + std::to_string(getpid()) + ".flf";
    f.save(path);
    const fastlinalg::factor h = fastlinalg::factor::load(path);
    std::remove(path.c_str());
    expect_same_answers<double>(f.get(), h.get(), random_ref(5, 2, 62));
    try {
        fastlinalg::factor::deserialize(bytes.data(), bytes.size() - 1);
        ADD_FAILURE() << "a truncated buffer was accepted";
    } catch (const fastlinalg::error &e) {
        EXPECT_EQ(e.status(), FL_ERR_INVALID_ARGUMENT);
        EXPECT_TRUE(contains(e.what(), "fl_factor_deserialize")) << e.what();
    }
    try {
        fastlinalg::factor::load(path + ".missing");
        ADD_FAILURE() << "a missing file was loaded";
    } catch (const fastlinalg::error &e) {
        EXPECT_TRUE(contains(e.what(), "cannot read")) << e.what();
    }
}

}  // namespace
}  // namespace fltest
