package fastlinalg

/*
#include <fastlinalg/fastlinalg.h>
*/
import "C"

import "fmt"

// Status is a library status code. Each non-OK status is also an error value, the
// sentinel that errors.Is matches an *Error against.
type Status int

const (
	OK                     Status = C.FL_OK
	ErrInvalidArgument     Status = C.FL_ERR_INVALID_ARGUMENT
	ErrDimensionMismatch   Status = C.FL_ERR_DIMENSION_MISMATCH
	ErrDtypeMismatch       Status = C.FL_ERR_DTYPE_MISMATCH
	ErrSingular            Status = C.FL_ERR_SINGULAR
	ErrNotPositiveDefinite Status = C.FL_ERR_NOT_POSITIVE_DEFINITE
	ErrNonFinite           Status = C.FL_ERR_NON_FINITE
	ErrTooLarge            Status = C.FL_ERR_TOO_LARGE
	ErrOutOfMemory         Status = C.FL_ERR_OUT_OF_MEMORY
	ErrUnsupported         Status = C.FL_ERR_UNSUPPORTED
	ErrInternal            Status = C.FL_ERR_INTERNAL
	ErrNoConvergence       Status = C.FL_ERR_NO_CONVERGENCE
)

// Error returns the library's name of the status, e.g. "singular matrix".
func (s Status) Error() string { return C.GoString(C.fl_status_string(C.fl_status(s))) }

// Error is a failed call: the status and the message that names the argument at fault.
type Error struct {
	Status  Status
	Message string
}

func (e *Error) Error() string {
	return fmt.Sprintf("%s: %s", e.Status.Error(), e.Message)
}

// Is makes errors.Is(err, ErrSingular) true for an *Error with that status.
func (e *Error) Is(target error) bool {
	s, ok := target.(Status)
	return ok && s == e.Status
}

// argError is an error found by the binding itself, before any C call, worded like the
// library's own messages.
func argError(status Status, fn string, format string, args ...any) error {
	return &Error{Status: status, Message: fn + ": " + fmt.Sprintf(format, args...)}
}
