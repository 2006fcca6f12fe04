// Dense factorizations from fuzzed input: every kind (and invalid ones), both dtypes, both
// layouts, options from the input, matrices of order 0 to 6 holding small integers mixed with
// NaN, Inf, denormals and huge values; then every query, inverse, part, solve, Q product,
// shifted solve, rank update, product with A^-1 and save/load on the handle; the large-matrix
// options (mixed precision, packed storage, factoring in place) and fl_factor_get_info.
// Beyond the common checks
// (fuzz_checks.hpp), solves and inverses of tame matrices are checked against the normal
// equations and the Penrose condition in long double, rcond is in [0, 1], ranks and inertias
// add up, and NaN/Inf is rejected exactly when FL_OPT_CHECK_FINITE is on.
#include "fuzz_factor_checks.hpp"

namespace flfuzz {
namespace {

void apply_q(FuzzInput &in, const fl_factor *f, fl_dtype dtype, int64_t m, bool tame_a) {
    bool bad = false;
    const fl_transpose trans = in.transpose(&bad);
    const fl_dtype d = call_dtype(in, dtype, &bad);
    Mat c(in, d, m, in.size_in(0, 2), &bad);
    c.fill(in);
    const Snapshot before(c);
    const double norm = Dense(c).frobenius();
    const bool ok =
        check_status(fl_factor_apply_q(f, trans, d, c.cols(), c.layout(), c.data(), c.ld()),
                     "fl_factor_apply_q", bad);
    check_buffers("fl_factor_apply_q", ok, {}, {&before});
    // Q is orthogonal, so the norm stays: when A is tame (values near DBL_MAX overflow in the
    // factorization and make Q NaN).
    if (ok && c.tame() && tame_a)
        check_close("fl_factor_apply_q", "||Q C||_F", static_cast<double>(Dense(c).frobenius()),
                    norm, 100 * m * epsilon(dtype), norm);
}

void residual_norms(FuzzInput &in, const fl_factor *f, fl_dtype dtype, int64_t m) {
    bool bad = false;
    const fl_dtype d = call_dtype(in, dtype, &bad);
    const int64_t nrhs = in.size_in(0, 2);
    Mat b(in, d, m, nrhs, &bad);
    b.fill(in);
    Mat norms(d, FL_COL_MAJOR, nrhs, 1);
    norms.poison();
    const Snapshot in_b(b), out(norms);
    const bool ok = check_status(
        fl_factor_residual_norms(f, d, nrhs, b.layout(), b.data(), b.ld(), norms.data()),
        "fl_factor_residual_norms", bad);
    check_buffers("fl_factor_residual_norms", ok, {&in_b}, {&out});
}

void solve_shifted(FuzzInput &in, const fl_factor *f, fl_dtype dtype, int64_t n) {
    bool bad = false, tame = true;
    const fl_dtype d = call_dtype(in, dtype, &bad);
    const int64_t nshifts = in.size_in(0, 2), nrhs = in.size_in(0, 2);
    std::vector<double> shifts;
    for (int64_t s = 0; s < nshifts; ++s) shifts.push_back(in.value(&tame));
    Mat b(in, d, n, nrhs, &bad);
    b.fill(in);
    // The nshifts solutions side by side in one buffer: X_l starts at l * stride.
    Mat x(d, FL_COL_MAJOR, n, nrhs * std::max<int64_t>(nshifts, 1));
    x.poison();
    const int64_t stride = n * nrhs;
    const Snapshot in_b(b), out(x);
    const bool ok =
        check_status(fl_factor_solve_shifted(
                         f, d, nshifts, shifts.empty() ? nullptr : shifts.data(), nrhs, b.layout(),
                         b.data(), b.ld(), FL_COL_MAJOR, x.data(), x.ld(), stride),
                     "fl_factor_solve_shifted", bad);
    check_buffers("fl_factor_solve_shifted", ok, {&in_b}, {&out});
}

void rank_update(FuzzInput &in, const fl_factor *f, fl_dtype dtype, int64_t n) {
    bool bad = false;
    const int sign = in.flag() ? 1 : (in.byte() < 250 ? -1 : 0);
    if (sign == 0) bad = true;
    const fl_dtype d = call_dtype(in, dtype, &bad);
    Mat v(in, d, n, in.size_in(0, 2), &bad);
    v.fill(in);
    const Snapshot in_v(v);
    int sentinel = 0;
    fl_factor *updated = reinterpret_cast<fl_factor *>(&sentinel);
    const bool ok = check_status(
        fl_factor_rank_update(&updated, f, sign, d, v.cols(), v.layout(), v.data(), v.ld()),
        "fl_factor_rank_update", bad);
    check_buffers("fl_factor_rank_update", ok, {&in_v}, {});
    if (!ok && updated != nullptr) finding("fl_factor_rank_update failed but *updated is not NULL");
    if (ok) fl_factor_destroy(updated);
}

void products(FuzzInput &in, const fl_factor *f, fl_dtype dtype, int64_t n) {
    bool bad = false;
    const fl_dtype d = call_dtype(in, dtype, &bad);
    const int64_t k = in.size_in(0, 2);
    const uint8_t which = in.byte() % 4;
    bool y_bad = false;  // Y's layout or ld: counts only for the calls that take Y
    Mat y(in, d, n, k, &y_bad);
    y.fill(in);
    const Snapshot in_y(y);
    if (which <= 1) bad = bad || y_bad;
    switch (which) {
        case 0: {
            Mat out(in, d, k, k, &bad);
            out.poison();
            const Snapshot s(out);
            const bool ok =
                check_status(fl_factor_quadratic_form(f, d, k, y.layout(), y.data(), y.ld(),
                                                      out.layout(), out.data(), out.ld()),
                             "fl_factor_quadratic_form", bad);
            check_buffers("fl_factor_quadratic_form", ok, {&in_y}, {&s});
            break;
        }
        case 1: {
            Mat out(d, FL_COL_MAJOR, k, 1);
            out.poison();
            const Snapshot s(out);
            const bool ok = check_status(
                fl_factor_mahalanobis(f, d, k, y.layout(), y.data(), y.ld(), out.data()),
                "fl_factor_mahalanobis", bad);
            check_buffers("fl_factor_mahalanobis", ok, {&in_y}, {&s});
            break;
        }
        case 2: {
            Mat diag(d, FL_COL_MAJOR, n, 1);
            diag.poison();
            const Snapshot s(diag);
            const bool ok = check_status(fl_factor_inverse_diagonal(f, d, diag.data()),
                                         "fl_factor_inverse_diagonal", bad);
            check_buffers("fl_factor_inverse_diagonal", ok, {}, {&s});
            break;
        }
        default: {
            Mat sq(in, d, n, n, &bad);
            sq.fill(in);
            const Snapshot s(sq);
            double trace = 0;
            check_status(fl_factor_trace_solve(f, d, sq.layout(), sq.data(), sq.ld(), &trace),
                         "fl_factor_trace_solve", bad);
            check_buffers("fl_factor_trace_solve", true, {&s}, {});
        }
    }
}

// The large-matrix options, set on the options handle when there is one, and what they
// change for the checks.
struct LargeOptions {
    fl_precision precision = FL_PRECISION_NATIVE;
    fl_storage storage = FL_STORAGE_FULL;
    bool overwrite = false;

    bool plain() const { return precision == FL_PRECISION_NATIVE && storage == FL_STORAGE_FULL; }
    LargeOptions(FuzzInput &in, Options &options) {
        // Bit 4 of the settings asked for: inputs saved before these options keep their paths.
        if (options.handle == nullptr || !(options.which & 16)) return;
        bool bad = false;
        const fl_precision p = in.choose({FL_PRECISION_NATIVE, FL_PRECISION_MIXED}, &bad);
        if (options.set_int(FL_OPT_PRECISION, p, bad)) precision = p;
        bad = false;
        const fl_storage s =
            in.choose({FL_STORAGE_FULL, FL_STORAGE_RFP, FL_STORAGE_RFP_INPUT}, &bad);
        if (options.set_int(FL_OPT_STORAGE, s, bad)) storage = s;
        const int64_t o = in.size_in(-1, 2);
        if (options.set_int(FL_OPT_OVERWRITE_A, o, o != 0 && o != 1)) overwrite = o == 1;
    }
};

// fl_factor_get_info: every property in its range and consistent with the options asked for;
// an unknown property or a NULL value fails and leaves *value alone.
void info(const fl_factor *f, const LargeOptions &large) {
    const struct {
        fl_factor_info what;
        int64_t most;
    } properties[] = {{FL_INFO_PRECISION, large.precision == FL_PRECISION_MIXED ? 1 : 0},
                      {FL_INFO_FALLBACK, large.precision == FL_PRECISION_MIXED ? 4 : 0},
                      {FL_INFO_REFINEMENT_STEPS, large.precision == FL_PRECISION_MIXED ? 30 : 0},
                      {FL_INFO_OVERWRITES_A, large.overwrite ? 1 : 0}};
    for (const auto &p : properties) {
        int64_t value = -1;
        if (!check_status(fl_factor_get_info(f, p.what, &value), "fl_factor_get_info"))
            finding("fl_factor_get_info(%d) failed: %s", p.what, fl_last_error());
        if (value < 0 || value > p.most)
            finding("fl_factor_get_info(%d) = %lld, outside [0, %lld]", p.what, (long long)value,
                    (long long)p.most);
    }
    for (int what : {0, 5, -1}) {
        int64_t value = 77;
        check_status(fl_factor_get_info(f, static_cast<fl_factor_info>(what), &value),
                     "fl_factor_get_info", true);
        if (value != 77) finding("fl_factor_get_info(%d) failed but wrote *value", what);
    }
    check_status(fl_factor_get_info(f, FL_INFO_PRECISION, nullptr), "fl_factor_get_info", true);
}

// The save/load format's checksum (docs/save_load.md): FNV-1a's constants over 8-byte words,
// then the tail byte by byte.
uint64_t checksum(const unsigned char *p, size_t n) {
    uint64_t h = 0xcbf29ce484222325ull;
    const uint64_t prime = 0x100000001b3ull;
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        uint64_t w;
        std::memcpy(&w, p + i, 8);
        h = (h ^ w) * prime;
    }
    for (; i < n; ++i) h = (h ^ p[i]) * prime;
    return h;
}

// A factor that loaded from bytes: it answers the queries, and saving it again gives the same
// bytes (when they were written by fl_factor_serialize, not forged).
void loaded(fl_factor *g, const std::vector<unsigned char> &bytes, bool saved) {
    queries(g, fl_factor_get_kind(g), fl_factor_rows(g), fl_factor_cols(g), false);
    if (!saved) return;
    int64_t size = -1;
    if (!check_status(fl_factor_serialized_size(g, &size), "fl_factor_serialized_size")) return;
    std::vector<unsigned char> again(static_cast<size_t>(size));
    if (check_status(fl_factor_serialize(g, again.data(), size), "fl_factor_serialize") &&
        again != bytes)
        finding("fl_factor_serialize of a loaded factor gives other bytes than were loaded");
}

// Saves the factor, loads the bytes back, then loads a copy the input damages: truncated or
// padded (must fail), bytes changed under a broken checksum (must fail) or under a forged one
// (the field checks decide; whatever loads must answer every query), or the input's own bytes.
void save_load(FuzzInput &in, const fl_factor *f) {
    int64_t size = -1;
    if (!check_status(fl_factor_serialized_size(f, &size), "fl_factor_serialized_size")) return;
    if (size < 64) finding("fl_factor_serialized_size = %lld", (long long)size);
    std::vector<unsigned char> bytes(static_cast<size_t>(size) + 8, 0x5A);
    const Snapshot before(bytes);
    const bool short_ok =
        check_status(fl_factor_serialize(f, bytes.data(), size - 1), "fl_factor_serialize", true);
    check_buffers("fl_factor_serialize", short_ok, {}, {&before});
    if (!check_status(fl_factor_serialize(f, bytes.data(), size), "fl_factor_serialize"))
        finding("fl_factor_serialize failed after fl_factor_serialized_size succeeded: %s",
                fl_last_error());
    for (size_t i = static_cast<size_t>(size); i < bytes.size(); ++i)
        if (bytes[i] != 0x5A) finding("fl_factor_serialize wrote past the size it reported");
    bytes.resize(static_cast<size_t>(size));

    int sentinel = 0;
    fl_factor *g = reinterpret_cast<fl_factor *>(&sentinel);
    if (check_status(fl_factor_deserialize(&g, bytes.data(), size), "fl_factor_deserialize")) {
        if (fl_factor_get_kind(g) != fl_factor_get_kind(f) ||
            fl_factor_get_dtype(g) != fl_factor_get_dtype(f) ||
            fl_factor_rows(g) != fl_factor_rows(f) || fl_factor_cols(g) != fl_factor_cols(f))
            finding("fl_factor_deserialize: the loaded factor's kind, dtype or shape differ");
        loaded(g, bytes, true);
        fl_factor_destroy(g);
    }

    std::vector<unsigned char> damaged = bytes;
    bool must_fail = true;
    switch (in.byte() % 4) {
        case 0:  // truncated
            damaged.resize(static_cast<size_t>(in.byte()) % damaged.size());
            break;
        case 1:  // padded
            damaged.resize(damaged.size() + 1 + in.byte() % 8, in.byte());
            break;
        case 2:  // the input's own bytes
            damaged.resize(in.byte());
            for (unsigned char &b : damaged) b = in.byte();
            must_fail = false;
            break;
        default: {  // bytes changed, the checksum forged or not
            const int changes = 1 + in.byte() % 4;
            const size_t covered = damaged.size() - 8;
            for (int c = 0; c < changes; ++c) {
                const size_t at = (static_cast<size_t>(in.byte()) << 8 | in.byte()) % covered;
                damaged[at] ^= static_cast<unsigned char>(in.byte() | 1);
            }
            must_fail = damaged != bytes;  // two changes of one byte may undo each other
            if (in.flag()) {
                const uint64_t h = checksum(damaged.data(), covered);
                std::memcpy(damaged.data() + covered, &h, 8);
                must_fail = false;
            }
        }
    }
    const Snapshot input(damaged);
    g = reinterpret_cast<fl_factor *>(&sentinel);
    const bool ok =
        check_status(fl_factor_deserialize(&g, damaged.empty() ? nullptr : damaged.data(),
                                           static_cast<int64_t>(damaged.size())),
                     "fl_factor_deserialize", must_fail);
    check_buffers("fl_factor_deserialize", ok, {&input}, {});
    if (!ok && g != nullptr) finding("fl_factor_deserialize failed but *factor is not NULL");
    if (ok) {
        loaded(g, damaged, false);
        fl_factor_destroy(g);
    }
}

void run(FuzzInput &in) {
    Options options(in);
    const LargeOptions large(in, options);
    bool bad = false;
    const fl_factor_kind kind =
        in.choose({FL_FACTOR_LU, FL_FACTOR_CHOLESKY, FL_FACTOR_LDLT, FL_FACTOR_QR, FL_FACTOR_COD,
                   FL_FACTOR_SVD, FL_FACTOR_EIGH, FL_FACTOR_AUTO},
                  &bad);
    const fl_dtype dtype = in.real_dtype(&bad);
    const int64_t m = in.size_in(0, 6);
    const int64_t n = in.byte() < 192 ? m : in.size_in(0, 6);
    // (LU takes any shape: a rectangular LU has parts, and refuses the rest.)
    const bool square_kind =
        kind == FL_FACTOR_CHOLESKY || kind == FL_FACTOR_LDLT || kind == FL_FACTOR_EIGH;
    if ((square_kind && m != n) || (kind == FL_FACTOR_QR && m < n)) bad = true;
    bool a_bad = false;
    Mat a(in, dtype, m, n, &a_bad);
    a.fill(in);
    // A packed A (FL_STORAGE_RFP_INPUT) needs a valid layout, but its lda is not read.
    if (large.storage != FL_STORAGE_RFP_INPUT)
        bad = bad || a_bad;
    else if (a.layout() != FL_ROW_MAJOR && a.layout() != FL_COL_MAJOR)
        bad = true;
    const Snapshot in_a(a);
    // With FL_STORAGE_RFP_INPUT, a holds a packed triangle: what A is, and so its finiteness
    // and the accuracy of results, is not known to these checks. In place, A becomes the
    // factor: it is read first.
    const bool known_a = large.storage != FL_STORAGE_RFP_INPUT;
    const Dense read = as_read(Dense(a), kind, options.triangle);
    const bool finite = all_finite(read);

    int sentinel = 0;
    fl_factor *f = reinterpret_cast<fl_factor *>(&sentinel);
    const fl_status status =
        fl_factor_create(&f, kind, dtype, a.layout(), m, n, a.data(), a.ld(), options.handle);
    const bool ok = check_status(status, "fl_factor_create", bad);
    // A written in place is allowed only when the factor says it took A's memory (and, after
    // a failed create asked to work in place, A is unspecified).
    int64_t in_place = 0;
    if (ok)
        check_status(fl_factor_get_info(f, FL_INFO_OVERWRITES_A, &in_place), "fl_factor_get_info");
    if (!large.overwrite || (ok && in_place == 0))
        check_buffers("fl_factor_create", ok, {&in_a}, {});
    if (!ok) {
        if (f != nullptr) finding("fl_factor_create failed but *factor is not NULL");
        // A combination of the large-matrix options a kind or dtype does not take may be
        // refused before A is read.
        if (!bad && known_a && large.plain() && options.check_finite && !finite &&
            status != FL_ERR_NON_FINITE)
            finding("fl_factor_create: NaN/Inf in A gave %s, not FL_ERR_NON_FINITE: %s",
                    fl_status_string(status), fl_last_error());
        return;
    }
    if (known_a && options.check_finite && !finite)
        finding("fl_factor_create accepted NaN/Inf in A");

    const fl_factor_kind got = fl_factor_get_kind(f);
    if (kind == FL_FACTOR_AUTO ? !(got >= FL_FACTOR_LU && got <= FL_FACTOR_EIGH) : got != kind)
        finding("fl_factor_get_kind = %d for a request of %d", got, kind);
    if (fl_factor_get_dtype(f) != dtype || fl_factor_rows(f) != m || fl_factor_cols(f) != n)
        finding("fl_factor_get_dtype/rows/cols disagree with what was factored");

    // Accuracy checks need tame values, the default rank tolerance where one decides, and,
    // for the kinds that solve exactly, an A not singular to working precision: a
    // numerically rank-deficient float32 QR (R's diagonal at rounding level, not exactly 0)
    // may rightly overflow to Inf, where no residual bound holds.
    queries(f, got, m, n, known_a && finite);
    info(f, large);
    double rcond = 1;
    if (!reveals_rank(got) && fl_factor_rcond(f, &rcond) != FL_OK) rcond = 0;
    const bool check = known_a && a.tame() && (options.default_tolerance || !reveals_rank(got)) &&
                       (reveals_rank(got) || rcond >= epsilon(dtype));
    for (int step = 0; step < 6 && !in.exhausted(); ++step) {
        const uint8_t choice = in.byte();
        // Save/load takes the top of the byte's range (as invalid enum values do), so that
        // inputs saved before it keep their paths.
        if (choice >= 248) {
            save_load(in, f);
            continue;
        }
        switch (choice % 8) {
            case 0:
                inverse(in, f, dtype, read, check);
                break;
            case 1:
                parts(in, f, dtype);
                break;
            case 2:
                apply_q(in, f, dtype, m, known_a && a.tame());
                break;
            case 3:
                residual_norms(in, f, dtype, m);
                break;
            case 4:
                solve_shifted(in, f, dtype, n);
                break;
            case 5:
                rank_update(in, f, dtype, n);
                break;
            case 6:
                products(in, f, dtype, n);
                break;
            default:
                solve(in, f, dtype, read, check);
                break;
        }
    }
    fl_factor_destroy(f);
}

}  // namespace
}  // namespace flfuzz

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    flfuzz::FuzzInput in(data, size);
    flfuzz::run(in);
    return 0;
}
