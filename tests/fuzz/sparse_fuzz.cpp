// Sparse matrices from fuzzed compressed arrays: CSC or CSR, 32- or 64-bit indices, either
// dtype, up to 6-by-6 with up to 3 entries per column or row (duplicates, unsorted, out of
// range, decreasing offsets, ptr[0] != 0, now and then a huge inner dimension), values with
// NaN, Inf, denormals and huge ones. Then the shape, products in every layout against the
// dense sum of the entries, new values, and the three sparse factors with their queries,
// inverse and solves (checked as for dense factors) and a refactorization.
#include "fuzz_factor_checks.hpp"

namespace flfuzz {
namespace {

struct Arrays {
    fl_sparse_format format = FL_SPARSE_CSC;
    fl_index_type index_type = FL_INDEX_INT64;
    fl_dtype dtype = FL_FLOAT64;
    int64_t rows = 0, cols = 0;
    std::vector<int64_t> ptr, idx;
    std::vector<double> values;
    bool bad = false, finite = true, tame = true;

    int64_t outer() const { return format == FL_SPARSE_CSR ? rows : cols; }
    int64_t inner() const { return format == FL_SPARSE_CSR ? cols : rows; }

    // The arrays as the C ABI takes them (indices narrowed for FL_INDEX_INT32).
    template <class I>
    static std::vector<I> narrowed(const std::vector<int64_t> &v) {
        return std::vector<I>(v.begin(), v.end());
    }
    std::vector<unsigned char> typed_values(const std::vector<double> &v) const {
        std::vector<unsigned char> out;
        for (double x : v) {
            if (dtype == FL_FLOAT32) {
                const float f = static_cast<float>(x);
                out.insert(out.end(), reinterpret_cast<const unsigned char *>(&f),
                           reinterpret_cast<const unsigned char *>(&f) + sizeof f);
            } else {
                out.insert(out.end(), reinterpret_cast<const unsigned char *>(&x),
                           reinterpret_cast<const unsigned char *>(&x) + sizeof x);
            }
        }
        return out;
    }

    // The dense matrix the entries sum to (only for valid arrays).
    Dense dense(const std::vector<double> &v) const {
        Dense d(rows, cols);
        for (int64_t o = 0; o < outer(); ++o)
            for (int64_t e = ptr[o]; e < ptr[o + 1]; ++e) {
                const Real x = dtype == FL_FLOAT32 ? static_cast<float>(v[e]) : v[e];
                if (format == FL_SPARSE_CSR)
                    d(o, idx[e]) += x;
                else
                    d(idx[e], o) += x;
            }
        return d;
    }
};

Arrays read_arrays(FuzzInput &in) {
    Arrays s;
    s.format = in.choose({FL_SPARSE_CSC, FL_SPARSE_CSR}, &s.bad);
    s.index_type = in.choose({FL_INDEX_INT32, FL_INDEX_INT64}, &s.bad);
    s.dtype = in.real_dtype(&s.bad);
    const int64_t outer = in.size_in(0, 6);
    int64_t inner = in.byte() < 192 ? outer : in.size_in(0, 6);
    const uint8_t huge = in.byte();
    if (huge == 255)
        inner = INT64_MAX;
    else if (huge == 254)
        inner = int64_t{1} << 40;
    if (s.index_type == FL_INDEX_INT32 && inner > INT32_MAX) s.bad = true;
    (s.format == FL_SPARSE_CSR ? s.rows : s.cols) = outer;
    (s.format == FL_SPARSE_CSR ? s.cols : s.rows) = inner;
    s.ptr.push_back(in.byte() == 255 ? 1 : 0);
    if (s.ptr[0] != 0) s.bad = true;
    for (int64_t o = 0; o < outer; ++o) {
        const uint8_t b = in.byte();
        const int64_t next = s.ptr.back() + (b == 255 ? -1 : b % 4);
        if (next < s.ptr.back()) s.bad = true;
        s.ptr.push_back(next);
    }
    const int64_t entries = std::max<int64_t>(0, s.ptr.back());
    for (int64_t e = 0; e < entries; ++e) {
        const uint8_t b = in.byte();
        int64_t i = inner > 0 && inner < 256 ? b % inner : b;
        if (b >= 252) i = b == 255 ? -1 : (inner < 256 ? inner : INT64_MAX);
        if (i < 0 || i >= inner) s.bad = true;
        s.idx.push_back(i);
        s.values.push_back(in.value(&s.tame));
        if (!std::isfinite(static_cast<float>(s.values.back())) && s.dtype == FL_FLOAT32)
            s.finite = false;
        if (!std::isfinite(s.values.back())) s.finite = false;
    }
    return s;
}

fl_status create(fl_sparse **out, const Arrays &s) {
    const std::vector<unsigned char> values = s.typed_values(s.values);
    const void *v = values.empty() ? nullptr : values.data();
    if (s.index_type == FL_INDEX_INT32) {
        const auto ptr = Arrays::narrowed<int32_t>(s.ptr), idx = Arrays::narrowed<int32_t>(s.idx);
        return fl_sparse_create(out, s.format, s.index_type, s.dtype, s.rows, s.cols, ptr.data(),
                                idx.empty() ? nullptr : idx.data(), v);
    }
    return fl_sparse_create(out, s.format, s.index_type, s.dtype, s.rows, s.cols, s.ptr.data(),
                            s.idx.empty() ? nullptr : s.idx.data(), v);
}

void multiply(FuzzInput &in, const fl_sparse *sp, const Arrays &s, const Dense &a) {
    bool bad = false;
    const fl_transpose trans = in.choose({FL_NO_TRANS, FL_TRANS}, &bad);
    const fl_dtype d = call_dtype(in, s.dtype, &bad);
    const int64_t ncols = in.size_in(0, 3);
    const Dense op = trans == FL_TRANS ? a.transposed() : a;
    Mat x(in, d, op.cols(), ncols, &bad);
    x.fill(in);
    Mat y(in, d, op.rows(), ncols, &bad);
    y.poison();
    const Snapshot in_x(x), out_y(y);
    const bool ok = check_status(fl_sparse_multiply(sp, trans, d, ncols, x.layout(), x.data(),
                                                    x.ld(), y.layout(), y.data(), y.ld()),
                                 "fl_sparse_multiply", bad);
    check_buffers("fl_sparse_multiply", ok, {&in_x}, {&out_y});
    if (!ok || !x.tame() || !s.tame) return;
    const Dense want = op * Dense(x);
    for (int64_t i = 0; i < op.rows(); ++i)
        for (int64_t j = 0; j < ncols; ++j) {
            Real scale = 0;  // sum |a_ik x_kj|: the bound of any summation order
            for (int64_t k = 0; k < op.cols(); ++k) scale += std::fabs(op(i, k) * x(k, j));
            check_close("fl_sparse_multiply", "y[i, j]", y(i, j), static_cast<double>(want(i, j)),
                        4 * (op.cols() + 1) * epsilon(d), static_cast<double>(scale));
        }
}

void factor(FuzzInput &in, const fl_sparse *sp, const Arrays &s, const Dense &a) {
    Options options(in);
    bool bad = false;
    const fl_factor_kind kind = in.choose(
        {FL_FACTOR_SPARSE_CHOLESKY, FL_FACTOR_SPARSE_LU, FL_FACTOR_SPARSE_QR, FL_FACTOR_LU}, &bad);
    if (kind == FL_FACTOR_LU) bad = true;  // dense kinds are refused
    if (kind != FL_FACTOR_SPARSE_QR && s.rows != s.cols) bad = true;
    int sentinel = 0;
    fl_factor *f = reinterpret_cast<fl_factor *>(&sentinel);
    const bool ok = check_status(fl_factor_create_sparse(&f, kind, sp, options.handle),
                                 "fl_factor_create_sparse", bad);
    if (!ok) {
        if (f != nullptr) finding("fl_factor_create_sparse failed but *factor is not NULL");
        return;
    }
    if (fl_factor_get_kind(f) != kind) finding("fl_factor_get_kind disagrees with the sparse kind");
    const Dense effective = as_read(a, kind, options.triangle);
    const bool check = s.tame && (options.default_tolerance || !reveals_rank(kind));
    queries(f, kind, s.rows, s.cols, true);
    // The minimum-norm FL_TRANS solve is defined for full column rank only.
    int64_t rank = s.cols;
    if (kind == FL_FACTOR_SPARSE_QR) fl_factor_rank(f, &rank);
    for (int step = 0; step < 4 && !in.exhausted(); ++step) {
        switch (in.byte() % 4) {
            case 0:
                inverse(in, f, s.dtype, effective, check);
                break;
            case 1: {
                int sentinel2 = 0;
                fl_factor *g = reinterpret_cast<fl_factor *>(&sentinel2);
                if (check_status(fl_factor_refactor(&g, f, sp), "fl_factor_refactor"))
                    fl_factor_destroy(g);
                else if (g != nullptr)
                    finding("fl_factor_refactor failed but *refactored is not NULL");
                break;
            }
            default:
                solve(in, f, s.dtype, effective, check, rank == s.cols);
        }
    }
    fl_factor_destroy(f);
}

void run(FuzzInput &in) {
    Arrays s = read_arrays(in);
    int sentinel = 0;
    fl_sparse *sp = reinterpret_cast<fl_sparse *>(&sentinel);
    const fl_status status = create(&sp, s);
    const bool ok = check_status(status, "fl_sparse_create", s.bad);
    if (!ok) {
        if (sp != nullptr) finding("fl_sparse_create failed but *sparse is not NULL");
        if (!s.bad && !s.finite && status != FL_ERR_NON_FINITE && status != FL_ERR_TOO_LARGE &&
            status != FL_ERR_OUT_OF_MEMORY)
            finding("fl_sparse_create: NaN/Inf gave %s: %s", fl_status_string(status),
                    fl_last_error());
        return;
    }
    if (!s.finite) finding("fl_sparse_create accepted NaN/Inf");
    int64_t rows = -1, cols = -1, nnz = -1;
    check_status(fl_sparse_shape(sp, &rows, &cols, &nnz), "fl_sparse_shape");
    if (rows != s.rows || cols != s.cols || nnz < 0 || nnz > static_cast<int64_t>(s.idx.size()))
        finding("fl_sparse_shape = %lld x %lld, nnz %lld", (long long)rows, (long long)cols,
                (long long)nnz);
    if (rows > 6 || cols > 6) {  // a huge dimension: only cheap calls
        fl_sparse_destroy(sp);
        return;
    }
    Dense a = s.dense(s.values);
    for (int step = 0; step < 5 && !in.exhausted(); ++step) {
        switch (in.byte() % 4) {
            case 0: {
                bool bad = false;
                const fl_dtype dtype = in.real_dtype(&bad);
                std::vector<double> values;
                bool finite = true, tame = true;
                for (size_t e = 0; e < s.values.size(); ++e) {
                    double v = in.value(&tame);
                    if (dtype == FL_FLOAT32) v = static_cast<float>(v);
                    finite = finite && std::isfinite(v);
                    values.push_back(v);
                }
                Arrays passed = s;
                passed.dtype = dtype;
                const std::vector<unsigned char> typed = passed.typed_values(values);
                if (check_status(
                        fl_sparse_set_values(sp, dtype, typed.empty() ? nullptr : typed.data()),
                        "fl_sparse_set_values", bad)) {
                    if (!finite) finding("fl_sparse_set_values accepted NaN/Inf");
                    s.values = values;
                    s.tame = tame;
                    a = s.dense(s.values);
                }
                break;
            }
            case 1:
                factor(in, sp, s, a);
                break;
            default:
                multiply(in, sp, s, a);
        }
    }
    fl_sparse_destroy(sp);
}

}  // namespace
}  // namespace flfuzz

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    flfuzz::FuzzInput in(data, size);
    flfuzz::run(in);
    return 0;
}
