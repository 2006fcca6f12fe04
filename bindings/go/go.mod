module fastlinalg.example/fastlinalg

go 1.19
