# Where the C library is, its enum values (fastlinalg.h; part of the ABI, never renumbered)
# and the runtime information functions.

"Path or soname of libfastlinalg: ENV[\"FASTLINALG_LIB\"], else the installed soname."
const libfastlinalg = get(ENV, "FASTLINALG_LIB", "libfastlinalg.so.0")

const FL_OK = Cint(0)
const FL_ERR_SINGULAR = Cint(4)
const FL_ERR_NOT_POSITIVE_DEFINITE = Cint(5)
const FL_FLOAT32 = Cint(1)
const FL_FLOAT64 = Cint(2)
const FL_COMPLEX64 = Cint(3)
const FL_COMPLEX128 = Cint(4)
const FL_ROW_MAJOR = Cint(1)
const FL_COL_MAJOR = Cint(2)
const FL_NO_TRANS = Cint(1)
const FL_TRANS = Cint(2)
const FL_CONJ_TRANS = Cint(3)
const FL_LOWER = Cint(1)
const FL_UPPER = Cint(2)
const FL_SPARSE_CSC = Cint(1)
const FL_INDEX_INT64 = Cint(2)

const FACTOR_KINDS = Dict(:lu => 1, :cholesky => 2, :ldlt => 3, :qr => 4, :cod => 5, :svd => 6,
                          :eigh => 7, :auto => 8, :sparse_cholesky => 9, :sparse_lu => 10,
                          :sparse_qr => 11)

"The version of the loaded library, as a `VersionNumber`."
version() = VersionNumber(unsafe_string(ccall((:fl_version, libfastlinalg), Cstring, ())))
"The same version as the integer major * 10000 + minor * 100 + patch."
version_number() = Int(ccall((:fl_version_number, libfastlinalg), Cint, ()))
"The BLAS/LAPACK build the library runs on, as that library describes itself."
blas_info() = unsafe_string(ccall((:fl_blas_info, libfastlinalg), Cstring, ()))
"The CPU kernel set the BLAS chose at run time (e.g. \"Haswell\")."
blas_core() = unsafe_string(ccall((:fl_blas_core, libfastlinalg), Cstring, ()))
"The number of threads the BLAS uses for large problems (process-wide)."
num_threads() = Int(ccall((:fl_get_num_threads, libfastlinalg), Cint, ()))
"Sets the BLAS thread count for the whole process (1 or more)."
set_num_threads(n::Integer) =
    check(ccall((:fl_set_num_threads, libfastlinalg), Cint, (Cint,), n))
"Hands back the memory the library keeps for reuse; returns the number of bytes released."
release_memory() = Int(ccall((:fl_release_memory, libfastlinalg), Int64, ()))
