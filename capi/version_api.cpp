#include "fastlinalg/fastlinalg.h"

#define FL_STRINGIFY_VALUE(x) #x
#define FL_STRINGIFY(x) FL_STRINGIFY_VALUE(x)

extern "C" {

FL_API const char *fl_version(void) {
    return FL_STRINGIFY(FL_VERSION_MAJOR) "." FL_STRINGIFY(FL_VERSION_MINOR) "." FL_STRINGIFY(FL_VERSION_PATCH);
}

FL_API int fl_version_number(void) { return FL_VERSION_NUMBER; }

}  // extern "C"
