package fastlinalg_test

import (
	"errors"
	"fmt"

	"fastlinalg.example/fastlinalg"
)

func Example() {
	a := fastlinalg.Matrix[float64]{Data: []float64{4, 1, 0, 1, 3, 1, 0, 1, 2}, Rows: 3, Cols: 3}
	f, err := fastlinalg.NewFactor(fastlinalg.Cholesky, a, nil) // factor once
	if err != nil {
		panic(err)
	}
	defer f.Close()
	b := fastlinalg.Matrix[float64]{Data: []float64{6, -3.5, 10, 2.5, 8, 4.5}, Rows: 3, Cols: 2}
	x := fastlinalg.NewMatrix[float64](3, 2, fastlinalg.RowMajor)
	if err := fastlinalg.Solve(f, fastlinalg.NoTrans, b, x); err != nil { // many right-hand sides
		panic(err)
	}
	for i := 0; i < 3; i++ {
		fmt.Printf("%.4f %.4f\n", x.At(i, 0), x.At(i, 1))
	}
	_, err = fastlinalg.NewFactor(fastlinalg.LU, fastlinalg.NewMatrix[float64](2, 2, fastlinalg.RowMajor), nil)
	fmt.Println(errors.Is(err, fastlinalg.ErrSingular))
	// Output:
	// 1.0000 -1.0000
	// 2.0000 0.5000
	// 3.0000 2.0000
	// true
}
