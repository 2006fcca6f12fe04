module fastlinalg.example/fastlinalg/gonum

go 1.19

require (
	fastlinalg.example/fastlinalg v0.0.0
	gonum.org/v1/gonum v0.14.0
)

// The core binding beside this module (bindings/go); ci.sh copies both in the same shape.
replace fastlinalg.example/fastlinalg => ../
