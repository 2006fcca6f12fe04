#include <cmath>
#include <string>

#include "capi/arguments.hpp"
#include "capi/errors.hpp"
#include "capi/handles.hpp"

using namespace fl::capi;

namespace {

[[noreturn]] void unknown_option(fl_option option) {
    throw fl::Error(fl::ErrorCode::invalid_argument,
                    "option = " + std::to_string(option) + " is not an fl_option");
}

// A 0-or-1 option's value.
bool flag(int64_t value, const char *name) {
    if (value != 0 && value != 1)
        throw fl::Error(fl::ErrorCode::invalid_argument,
                        std::string(name) + " takes 0 or 1, not " + std::to_string(value));
    return value == 1;
}

[[noreturn]] void wrong_type(const char *name, const char *should_use) {
    throw fl::Error(fl::ErrorCode::invalid_argument,
                    std::string(name) + " is set and read with " + should_use);
}

}  // namespace

extern "C" {

FL_API fl_status fl_options_create(fl_options **options) {
    if (options != nullptr) *options = nullptr;
    return guarded(__func__, [&] {
        require_not_null(options, "options");
        *options = new fl_options{};
    });
}

FL_API void fl_options_destroy(fl_options *options) { delete options; }

FL_API fl_status fl_options_set_int(fl_options *options, fl_option option, int64_t value) {
    return guarded(__func__, [&] {
        require_not_null(options, "options");
        switch (option) {
        case FL_OPT_CHECK_FINITE:
            options->values.check_finite = flag(value, "FL_OPT_CHECK_FINITE");
            return;
        case FL_OPT_TRIANGLE:
            options->values.triangle = to_triangle(value, "FL_OPT_TRIANGLE");
            return;
        case FL_OPT_PRECISION:
            if (value != FL_PRECISION_NATIVE && value != FL_PRECISION_MIXED)
                throw fl::Error(fl::ErrorCode::invalid_argument,
                                "FL_OPT_PRECISION takes FL_PRECISION_NATIVE (0) or "
                                "FL_PRECISION_MIXED (1), not " +
                                    std::to_string(value));
            options->values.precision =
                value == FL_PRECISION_MIXED ? fl::Precision::mixed : fl::Precision::native;
            return;
        case FL_OPT_OVERWRITE_A:
            options->values.overwrite_a = flag(value, "FL_OPT_OVERWRITE_A");
            return;
        case FL_OPT_STORAGE:
            if (value != FL_STORAGE_FULL && value != FL_STORAGE_RFP &&
                value != FL_STORAGE_RFP_INPUT)
                throw fl::Error(
                    fl::ErrorCode::invalid_argument,
                    "FL_OPT_STORAGE takes FL_STORAGE_FULL (0), FL_STORAGE_RFP (1) or "
                    "FL_STORAGE_RFP_INPUT (2), not " +
                        std::to_string(value));
            options->values.storage = static_cast<fl::Storage>(value);
            return;
        case FL_OPT_ALLOW_SINGULAR:
            options->values.allow_singular = flag(value, "FL_OPT_ALLOW_SINGULAR");
            return;
        case FL_OPT_COMPLEX_SYMMETRIC:
            options->values.complex_symmetric = flag(value, "FL_OPT_COMPLEX_SYMMETRIC");
            return;
        case FL_OPT_RTOL:
            wrong_type("FL_OPT_RTOL", "fl_options_set_real");
        case FL_OPT_ATOL:
            wrong_type("FL_OPT_ATOL", "fl_options_set_real");
        }
        unknown_option(option);
    });
}

FL_API fl_status fl_options_get_int(const fl_options *options, fl_option option, int64_t *value) {
    return guarded(__func__, [&] {
        require_not_null(options, "options");
        require_not_null(value, "value");
        switch (option) {
        case FL_OPT_CHECK_FINITE: *value = options->values.check_finite ? 1 : 0; return;
        case FL_OPT_TRIANGLE:
            *value = options->values.triangle == fl::Triangle::lower ? FL_LOWER : FL_UPPER;
            return;
        case FL_OPT_PRECISION:
            *value = options->values.precision == fl::Precision::mixed ? FL_PRECISION_MIXED
                                                                       : FL_PRECISION_NATIVE;
            return;
        case FL_OPT_OVERWRITE_A:
            *value = options->values.overwrite_a ? 1 : 0;
            return;
        case FL_OPT_STORAGE:
            *value = static_cast<int64_t>(options->values.storage);
            return;
        case FL_OPT_ALLOW_SINGULAR:
            *value = options->values.allow_singular ? 1 : 0;
            return;
        case FL_OPT_COMPLEX_SYMMETRIC:
            *value = options->values.complex_symmetric ? 1 : 0;
            return;
        case FL_OPT_RTOL: wrong_type("FL_OPT_RTOL", "fl_options_get_real");
        case FL_OPT_ATOL: wrong_type("FL_OPT_ATOL", "fl_options_get_real");
        }
        unknown_option(option);
    });
}

FL_API fl_status fl_options_set_real(fl_options *options, fl_option option, double value) {
    return guarded(__func__, [&] {
        require_not_null(options, "options");
        switch (option) {
        case FL_OPT_RTOL:
            // -1 restores the default; otherwise a fraction of the largest value.
            if (!(value == -1 || (value >= 0 && value < 1)))
                throw fl::Error(fl::ErrorCode::invalid_argument,
                                "FL_OPT_RTOL = " + std::to_string(value) +
                                    " is outside [0, 1) (or -1 for the default)");
            options->values.rtol = value;
            return;
        case FL_OPT_ATOL:
            if (!(value >= 0) || value == HUGE_VAL)
                throw fl::Error(fl::ErrorCode::invalid_argument,
                                "FL_OPT_ATOL = " + std::to_string(value) + " is not a finite value >= 0");
            options->values.atol = value;
            return;
        case FL_OPT_CHECK_FINITE: wrong_type("FL_OPT_CHECK_FINITE", "fl_options_set_int");
        case FL_OPT_TRIANGLE: wrong_type("FL_OPT_TRIANGLE", "fl_options_set_int");
        case FL_OPT_PRECISION:
            wrong_type("FL_OPT_PRECISION", "fl_options_set_int");
        case FL_OPT_OVERWRITE_A:
            wrong_type("FL_OPT_OVERWRITE_A", "fl_options_set_int");
        case FL_OPT_STORAGE:
            wrong_type("FL_OPT_STORAGE", "fl_options_set_int");
        case FL_OPT_ALLOW_SINGULAR:
            wrong_type("FL_OPT_ALLOW_SINGULAR", "fl_options_set_int");
        case FL_OPT_COMPLEX_SYMMETRIC:
            wrong_type("FL_OPT_COMPLEX_SYMMETRIC", "fl_options_set_int");
        }
        unknown_option(option);
    });
}

FL_API fl_status fl_options_get_real(const fl_options *options, fl_option option, double *value) {
    return guarded(__func__, [&] {
        require_not_null(options, "options");
        require_not_null(value, "value");
        switch (option) {
        case FL_OPT_RTOL: *value = options->values.rtol; return;
        case FL_OPT_ATOL: *value = options->values.atol; return;
        case FL_OPT_CHECK_FINITE: wrong_type("FL_OPT_CHECK_FINITE", "fl_options_get_int");
        case FL_OPT_TRIANGLE: wrong_type("FL_OPT_TRIANGLE", "fl_options_get_int");
        case FL_OPT_PRECISION:
            wrong_type("FL_OPT_PRECISION", "fl_options_get_int");
        case FL_OPT_OVERWRITE_A:
            wrong_type("FL_OPT_OVERWRITE_A", "fl_options_get_int");
        case FL_OPT_STORAGE:
            wrong_type("FL_OPT_STORAGE", "fl_options_get_int");
        case FL_OPT_ALLOW_SINGULAR:
            wrong_type("FL_OPT_ALLOW_SINGULAR", "fl_options_get_int");
        case FL_OPT_COMPLEX_SYMMETRIC:
            wrong_type("FL_OPT_COMPLEX_SYMMETRIC", "fl_options_get_int");
        }
        unknown_option(option);
    });
}

}  // extern "C"
