package fastlinalg

import (
	"bytes"
	"encoding"
	"errors"
	"math/rand"
	"path/filepath"
	"testing"
)

var _ encoding.BinaryMarshaler = (*Factor)(nil)

func roundTripEveryKind[T Float](t *testing.T) {
	rng := rand.New(rand.NewSource(31))
	const n, nrhs = 9, 3
	a := toMatrix[T](rounded[T](spdDense(rng, n)), n, ColMajor)
	b := toMatrix[T](rounded[T](randDense(rng, n, nrhs)), nrhs, RowMajor)
	dir := t.TempDir()
	for _, kind := range denseKinds {
		f := mustFactor(t, kind, a, nil)
		data, err := f.MarshalBinary()
		must(t, err)
		path := filepath.Join(dir, "f.flf")
		must(t, f.Save(path))
		fromBytes, err := UnmarshalFactor(data)
		must(t, err)
		fromFile, err := LoadFactor(path)
		must(t, err)
		want := NewMatrix[T](n, nrhs, RowMajor)
		must(t, Solve(f, NoTrans, b, want))
		for _, g := range []*Factor{fromBytes, fromFile} {
			if g.Kind() != f.Kind() || g.Rows() != n || g.DType() != f.DType() {
				t.Fatalf("%v: loaded kind %v, %d rows, dtype %v", kind, g.Kind(), g.Rows(), g.DType())
			}
			got := NewMatrix[T](n, nrhs, RowMajor)
			must(t, Solve(g, NoTrans, b, got))
			for i := range got.Data {
				if got.Data[i] != want.Data[i] {
					t.Fatalf("%v: solve differs at %d: %v vs %v", kind, i, got.Data[i], want.Data[i])
				}
			}
			again, err := g.MarshalBinary()
			must(t, err)
			if !bytes.Equal(again, data) {
				t.Fatalf("%v: the loaded factor serializes to other bytes", kind)
			}
			g.Close()
		}
		f.Close()
	}
}

func TestMarshalEveryDenseKind(t *testing.T) {
	roundTripEveryKind[float64](t)
	roundTripEveryKind[float32](t)
}

func TestUnmarshalRejectsBadBytes(t *testing.T) {
	rng := rand.New(rand.NewSource(32))
	f := mustFactor(t, LU, toMatrix[float64](randDense(rng, 3, 3), 3, RowMajor), nil)
	defer f.Close()
	data, err := f.MarshalBinary()
	must(t, err)
	for _, bad := range [][]byte{nil, data[:10], data[:len(data)-1], append([]byte("NOTAFACT"), data[8:]...)} {
		g, err := UnmarshalFactor(bad)
		if g != nil || !errors.Is(err, ErrInvalidArgument) {
			t.Fatalf("%d bytes: got %v, %v; want ErrInvalidArgument", len(bad), g, err)
		}
	}
	corrupted := append([]byte(nil), data...)
	corrupted[len(corrupted)/2] ^= 1
	if _, err := UnmarshalFactor(corrupted); !errors.Is(err, ErrInvalidArgument) {
		t.Fatalf("corrupted: %v", err)
	}
	var closed Factor
	if _, err := closed.MarshalBinary(); !errors.Is(err, ErrInvalidArgument) {
		t.Fatalf("closed factor: %v", err)
	}
	if _, err := LoadFactor(filepath.Join(t.TempDir(), "missing")); err == nil {
		t.Fatal("a missing file loaded")
	}
}
