// The BLACS and ScaLAPACK routines libfastlinalg_mpi calls, declared once (Debian's
// libscalapack-openmpi ships no header). Fortran conventions: every argument by pointer,
// global indices 1-based, descriptors of 9 ints (DTYPE, CTXT, M, N, MB, NB, RSRC, CSRC, LLD).
// Only mpi/src/ includes this file; the rest of the component calls the typed helpers.
#pragma once

#include <mpi.h>

extern "C" {

int Csys2blacs_handle(MPI_Comm comm);
void Cfree_blacs_system_handle(int handle);
void Cblacs_gridinit(int *context, const char *order, int nprow, int npcol);
void Cblacs_gridinfo(int context, int *nprow, int *npcol, int *myrow, int *mycol);
void Cblacs_gridexit(int context);

int numroc_(const int *n, const int *nb, const int *iproc, const int *isrcproc, const int *nprocs);
void descinit_(int *desc, const int *m, const int *n, const int *mb, const int *nb,
               const int *irsrc, const int *icsrc, const int *ictxt, const int *lld, int *info);

double pdlange_(const char *norm, const int *m, const int *n, const double *a, const int *ia,
                const int *ja, const int *desca, double *work);
double pdlantr_(const char *norm, const char *uplo, const char *diag, const int *m, const int *n,
                const double *a, const int *ia, const int *ja, const int *desca, double *work);
double pdlansy_(const char *norm, const char *uplo, const int *n, const double *a, const int *ia,
                const int *ja, const int *desca, double *work);

void pdgetrf_(const int *m, const int *n, double *a, const int *ia, const int *ja, const int *desca,
              int *ipiv, int *info);
void pdgetrs_(const char *trans, const int *n, const int *nrhs, const double *a, const int *ia,
              const int *ja, const int *desca, const int *ipiv, double *b, const int *ib,
              const int *jb, const int *descb, int *info);

void pdpotrf_(const char *uplo, const int *n, double *a, const int *ia, const int *ja,
              const int *desca, int *info);
void pdpotrs_(const char *uplo, const int *n, const int *nrhs, const double *a, const int *ia,
              const int *ja, const int *desca, double *b, const int *ib, const int *jb,
              const int *descb, int *info);

void pdgeqrf_(const int *m, const int *n, double *a, const int *ia, const int *ja, const int *desca,
              double *tau, double *work, const int *lwork, int *info);
void pdormqr_(const char *side, const char *trans, const int *m, const int *n, const int *k,
              const double *a, const int *ia, const int *ja, const int *desca, const double *tau,
              double *c, const int *ic, const int *jc, const int *descc, double *work,
              const int *lwork, int *info);
void pdtrtrs_(const char *uplo, const char *trans, const char *diag, const int *n, const int *nrhs,
              const double *a, const int *ia, const int *ja, const int *desca, double *b,
              const int *ib, const int *jb, const int *descb, int *info);

void pdsyevd_(const char *jobz, const char *uplo, const int *n, double *a, const int *ia,
              const int *ja, const int *desca, double *w, double *z, const int *iz, const int *jz,
              const int *descz, double *work, const int *lwork, int *iwork, const int *liwork,
              int *info);
void pdgemm_(const char *transa, const char *transb, const int *m, const int *n, const int *k,
             const double *alpha, const double *a, const int *ia, const int *ja, const int *desca,
             const double *b, const int *ib, const int *jb, const int *descb, const double *beta,
             double *c, const int *ic, const int *jc, const int *descc);

// Copies between any two distributions whose grids lie within context's processes.
void pdgemr2d_(const int *m, const int *n, const double *a, const int *ia, const int *ja,
               const int *desca, double *b, const int *ib, const int *jb, const int *descb,
               const int *context);

// LAPACK's reverse-communication 1-norm estimator (Higham's refinement of Hager's method).
// ScaLAPACK's own PxLACON, behind pdgecon/pdpocon/pdtrcon, stops after its first step in
// Debian's 2.2.1 and overestimates rcond up to 40x, so the factors drive this one instead.
void dlacn2_(const int *n, double *v, double *x, int *isgn, double *est, int *kase, int *isave);

}  // extern "C"
