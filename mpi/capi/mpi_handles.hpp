// The opaque handles of fastlinalg_mpi.h: each owns one core object of mpi/src/.
#pragma once

#include <memory>

#include "mpi/src/context.hpp"
#include "mpi/src/dense/dense_factor.hpp"
#include "mpi/src/dist_matrix.hpp"
#include "mpi/src/mumps/mumps_factor.hpp"

struct fl_mpi_context {
    std::unique_ptr<fl::mpi::Context> context;
};

struct fl_mpi_matrix {
    std::unique_ptr<fl::mpi::DistMatrix> matrix;
};

struct fl_mpi_factor {
    std::unique_ptr<fl::mpi::DenseFactor> factor;
};

struct fl_mpi_sparse_factor {
    std::unique_ptr<fl::mpi::MumpsFactor> factor;
};
