package fastlinalg

/*
#include <fastlinalg/fastlinalg.h>
*/
import "C"

import (
	"os"
	"runtime"
	"unsafe"
)

// MarshalBinary returns the factor's serialized form (fl_factor_serialize): bytes that
// UnmarshalFactor turns back into a factor answering exactly as this one, in this or
// another process, without factoring again. It makes *Factor an encoding.BinaryMarshaler.
// Sparse kinds give ErrUnsupported.
func (f *Factor) MarshalBinary() ([]byte, error) {
	const fn = "fl_factor_serialize"
	if err := f.check(fn); err != nil {
		return nil, err
	}
	defer runtime.KeepAlive(f)
	var size C.int64_t
	if err := call(func() C.fl_status { return C.fl_factor_serialized_size(f.handle(), &size) }); err != nil {
		return nil, err
	}
	data := make([]byte, int(size))
	err := call(func() C.fl_status {
		return C.fl_factor_serialize(f.handle(), slicePtr(data), size)
	})
	if err != nil {
		return nil, err
	}
	return data, nil
}

// UnmarshalFactor rebuilds a factor from what MarshalBinary (or fl_factor_serialize)
// wrote. Truncated, corrupted or foreign bytes give ErrInvalidArgument, another format
// version or byte order ErrUnsupported; the message says which.
func UnmarshalFactor(data []byte) (*Factor, error) {
	// The library rejects a NULL buffer; an empty one is still a (too short) buffer.
	ptr := slicePtr(data)
	if ptr == nil {
		var none byte
		ptr = unsafe.Pointer(&none)
	}
	return newFactor(func(out **C.fl_factor) C.fl_status {
		return C.fl_factor_deserialize(out, ptr, C.int64_t(len(data)))
	})
}

// Save writes MarshalBinary's bytes to the file at path, replacing it.
func (f *Factor) Save(path string) error {
	data, err := f.MarshalBinary()
	if err != nil {
		return err
	}
	return os.WriteFile(path, data, 0o644)
}

// LoadFactor reads a factor that Save wrote to the file at path.
func LoadFactor(path string) (*Factor, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return UnmarshalFactor(data)
}
