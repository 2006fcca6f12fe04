#!/usr/bin/env bash
# Builds and tests the Go binding against an installed fastlinalg only, from a copy outside
# the source tree: the core package with Go's standard library and nothing fetched, then the
# gonum adapter module (gonum/, its own go.mod) with gonum fetched at the version and hashes
# its go.mod and go.sum pin, through Go's default module proxy:
#   bash bindings/go/ci.sh PKG_CONFIG_DIR LIBDIR PREFIX SCRATCH_DIR
set -euo pipefail

[[ $# -eq 4 ]] || { echo "usage: $0 PKG_CONFIG_DIR LIBDIR PREFIX SCRATCH_DIR" >&2; exit 2; }
pcdir=$1 libdir=$2 scratch=$4
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

mkdir -p "$scratch"
rm -rf "$scratch/src"
mkdir -p "$scratch/src"
cp "$here"/go.mod "$here"/*.go "$scratch/src/"
mkdir -p "$scratch/src/gonum"
cp "$here"/gonum/go.mod "$here"/gonum/go.sum "$here"/gonum/*.go "$scratch/src/gonum/"

export PKG_CONFIG_PATH=$pcdir
export LD_LIBRARY_PATH=$libdir${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}
export GOPATH=$scratch/gopath GOCACHE=$scratch/gocache GOMODCACHE=$scratch/gopath/pkg/mod
export GOFLAGS=-mod=mod GOTOOLCHAIN=local GOPROXY=off CGO_ENABLED=1

echo "go:         $(go version)"
echo "pkg-config: $(pkg-config --cflags --libs fastlinalg)"
cd "$scratch/src"
echo "+ go vet ./..."
go vet ./...
echo "+ go test -count=1 -v ./..."
go test -count=1 -v ./... 2>&1 | tee "$scratch/test.log"
echo "Go binding: $(grep -c -- '^--- PASS' "$scratch/test.log") tests passed"

echo "+ (gonum adapter) go vet ./... && go test -count=1 -v ./... (gonum fetched, checked against go.sum)"
start=$SECONDS
cd "$scratch/src/gonum"
env -u GOPROXY GOFLAGS=-mod=readonly go vet ./...
env -u GOPROXY GOFLAGS=-mod=readonly go test -count=1 -v ./... 2>&1 | tee "$scratch/test-gonum.log"
echo "gonum adapter: $(grep -c -- '^--- PASS' "$scratch/test-gonum.log") tests passed in $((SECONDS - start)) s"
