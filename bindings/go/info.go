package fastlinalg

/*
#include <fastlinalg/fastlinalg.h>
*/
import "C"

// HeaderVersionNumber is the version this binding was compiled against,
// major*10000 + minor*100 + patch; compare it with VersionNumber().
const HeaderVersionNumber = C.FL_VERSION_NUMBER

// Version is the version of the library actually loaded, "MAJOR.MINOR.PATCH".
func Version() string { return C.GoString(C.fl_version()) }

// VersionNumber is the loaded library's version as HeaderVersionNumber computes it.
func VersionNumber() int { return int(C.fl_version_number()) }

// BlasInfo is the BLAS/LAPACK library's description of its build.
func BlasInfo() string { return C.GoString(C.fl_blas_info()) }

// BlasCore is the CPU kernel set the BLAS chose at run time.
func BlasCore() string { return C.GoString(C.fl_blas_core()) }

// NumThreads is the number of threads the BLAS uses (process-wide).
func NumThreads() int { return int(C.fl_get_num_threads()) }

// ReleaseMemory hands back to the system the memory the library keeps for reuse
// (destroyed factors' storage, products' scratch) and returns how many bytes that was.
func ReleaseMemory() int64 { return int64(C.fl_release_memory()) }

// SetNumThreads sets that number (1 or more) for the whole process.
func SetNumThreads(n int) error {
	return call(func() C.fl_status { return C.fl_set_num_threads(C.int(n)) })
}
