package fastlinalg

import (
	"math"
	"math/rand"
	"testing"
)

// gaussian is sigma^2 exp(-|x - y|^2 / (2 l^2)), the reference for an isotropic kernel.
func gaussian(x, y []float64, sigma, l float64) float64 {
	r2 := 0.0
	for d := range x {
		r2 += (x[d] - y[d]) * (x[d] - y[d])
	}
	return sigma * sigma * math.Exp(-r2/(2*l*l))
}

func kernelMatrix[T Float](t *testing.T, layout Layout) {
	rng := rand.New(rand.NewSource(9))
	const n1, n2, dim = 7, 5, 3
	const sigma, l, noise = 1.5, 0.8, 0.1
	x1 := rounded[T](randDense(rng, n1, dim))
	x2 := rounded[T](randDense(rng, n2, dim))
	k, err := NewKernel(Gaussian, Isotropic, dim, []float64{l}, sigma, noise)
	must(t, err)
	defer k.Close()

	out := NewMatrix[T](n1, n2, layout)
	m2 := toMatrix[T](x2, dim, layout)
	must(t, KernelMatrix(k, toMatrix[T](x1, dim, layout), &m2, out))
	want := zeros(n1, n2)
	for i := range want {
		for j := range want[i] {
			want[i][j] = gaussian(x1[i], x2[j], sigma, l)
		}
	}
	expectClose(t, "K(X1, X2)", fromMatrix(out), want, 100*eps[T]())

	sym := NewMatrix[T](n1, n1, layout)
	must(t, KernelMatrix(k, toMatrix[T](x1, dim, layout), nil, sym))
	wantSym := zeros(n1, n1)
	for i := range wantSym {
		for j := range wantSym[i] {
			wantSym[i][j] = gaussian(x1[i], x1[j], sigma, l)
		}
		wantSym[i][i] += noise
	}
	expectClose(t, "K(X1) + noise I", fromMatrix(sym), wantSym, 100*eps[T]())
}

func TestKernelMatrix(t *testing.T) {
	for _, layout := range layouts {
		kernelMatrix[float64](t, layout)
		kernelMatrix[float32](t, layout)
	}
}

func TestKernelGradient(t *testing.T) {
	rng := rand.New(rand.NewSource(10))
	const n1, n2, dim = 6, 4, 2
	const sigma, l = 1.2, 0.7
	x1, x2, w := randDense(rng, n1, dim), randDense(rng, n2, dim), randDense(rng, n1, n2)
	// f(sigma, l) = sum_ij W_ij K_ij: its derivatives are what the gradient holds.
	objective := func(s, ls float64) float64 {
		sum := 0.0
		for i := range x1 {
			for j := range x2 {
				sum += w[i][j] * gaussian(x1[i], x2[j], s, ls)
			}
		}
		return sum
	}
	k, err := NewKernel(Gaussian, Isotropic, dim, []float64{l}, sigma, 0)
	must(t, err)
	defer k.Close()
	m2 := toMatrix[float64](x2, dim, RowMajor)
	grad, err := KernelGradient(k, toMatrix[float64](x1, dim, RowMajor), &m2, toMatrix[float64](w, n2, ColMajor))
	must(t, err)
	if len(grad) != 3 {
		t.Fatalf("len(grad) = %d, want 3", len(grad))
	}
	const h = 1e-6
	dsigma := (objective(sigma+h, l) - objective(sigma-h, l)) / (2 * h)
	dl := (objective(sigma, l+h) - objective(sigma, l-h)) / (2 * h)
	if math.Abs(grad[0]-dsigma) > 1e-7 || grad[1] != 0 || math.Abs(grad[2]-dl) > 1e-7 {
		t.Errorf("gradient %v, want [%g 0 %g]", grad, dsigma, dl)
	}

	_, err = NewKernel(Gaussian, Isotropic, dim, []float64{-1}, sigma, 0)
	expectError(t, err, ErrInvalidArgument)
	err = KernelMatrix(k, NewMatrix[float64](3, dim+1, RowMajor), nil, NewMatrix[float64](3, 3, RowMajor))
	expectError(t, err, ErrDimensionMismatch, "x1 is 3x3, expected 3x2")
}
