/* The Robertson adjoint gradient with CVODES (BDF, Newton, dense direct solver with the analytic Jacobian, its
 * checkpointed adjoint with Hermite interpolation), the configuration of bench/OdeGen.Benchmarks/StiffAdjoint.cs:
 * y0 = (1, 0, 0), p = (0.04, 3e7, 1e4), observations at 50 log-spaced times from 0.4 to 4000, loss
 * L = sum_k |y(t_k)|^2, gradient dL/dp (a quadrature) and dL/dy0.
 *
 * Backward: lambda' = -J^T lambda from t_K with lambda = dL/dy(t_K), a jump dL/dy(t_k) at each earlier observation
 * (CVodeReInitB), and q' = -lambda^T df/dp, so that q(t0) = dL/dp and lambda(t0) = dL/dy0.
 *
 * build: cc -O2 -o robertson_cvodes robertson_cvodes.c -lsundials_cvodes -lsundials_nvecserial -lsundials_sunmatrixdense \
 *        -lsundials_sunlinsoldense -lm
 * usage: robertson_cvodes [repeats] [reference dL/dp0 dL/dp1 dL/dp2 dL/dy0_0 dL/dy0_1 dL/dy0_2]
 *   prints, per rtol (atol = 1e-6 rtol), the mean time of one gradient, the steps, and the largest relative error
 *   against the reference when one is given.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <cvodes/cvodes.h>
#include <nvector/nvector_serial.h>
#include <sunlinsol/sunlinsol_dense.h>
#include <sunmatrix/sunmatrix_dense.h>

#define K 50
static const double P[3] = {0.04, 3e7, 1e4};

static int rhs(sunrealtype t, N_Vector yv, N_Vector ydot, void *data) {
  double *y = N_VGetArrayPointer(yv), *f = N_VGetArrayPointer(ydot);
  double r1 = P[0] * y[0], r2 = P[1] * y[1] * y[1], r3 = P[2] * y[1] * y[2];
  f[0] = -r1 + r3;
  f[1] = r1 - r2 - r3;
  f[2] = r2;
  return 0;
}

static void jacobian(const double *y, double j[3][3]) {
  j[0][0] = -P[0]; j[0][1] = P[2] * y[2];                   j[0][2] = P[2] * y[1];
  j[1][0] = P[0];  j[1][1] = -2 * P[1] * y[1] - P[2] * y[2]; j[1][2] = -P[2] * y[1];
  j[2][0] = 0;     j[2][1] = 2 * P[1] * y[1];               j[2][2] = 0;
}

static int jac(sunrealtype t, N_Vector yv, N_Vector fy, SUNMatrix J, void *data, N_Vector t1, N_Vector t2, N_Vector t3) {
  double j[3][3];
  jacobian(N_VGetArrayPointer(yv), j);
  for (int r = 0; r < 3; r++)
    for (int c = 0; c < 3; c++) SM_ELEMENT_D(J, r, c) = j[r][c];
  return 0;
}

/* lambda' = -J^T lambda */
static int rhsB(sunrealtype t, N_Vector yv, N_Vector lv, N_Vector ldot, void *data) {
  double j[3][3], *l = N_VGetArrayPointer(lv), *d = N_VGetArrayPointer(ldot);
  jacobian(N_VGetArrayPointer(yv), j);
  for (int c = 0; c < 3; c++) d[c] = -(j[0][c] * l[0] + j[1][c] * l[1] + j[2][c] * l[2]);
  return 0;
}

static int jacB(sunrealtype t, N_Vector yv, N_Vector lv, N_Vector fl, SUNMatrix JB, void *data, N_Vector t1, N_Vector t2, N_Vector t3) {
  double j[3][3];
  jacobian(N_VGetArrayPointer(yv), j);
  for (int r = 0; r < 3; r++)
    for (int c = 0; c < 3; c++) SM_ELEMENT_D(JB, r, c) = -j[c][r];
  return 0;
}

/* q' = -lambda^T df/dp */
static int quadB(sunrealtype t, N_Vector yv, N_Vector lv, N_Vector qdot, void *data) {
  double *y = N_VGetArrayPointer(yv), *l = N_VGetArrayPointer(lv), *q = N_VGetArrayPointer(qdot);
  double d1 = y[0], d2 = y[1] * y[1], d3 = y[1] * y[2];
  q[0] = -(-l[0] * d1 + l[1] * d1);
  q[1] = -(-l[1] * d2 + l[2] * d2);
  q[2] = -(l[0] * d3 - l[1] * d3);
  return 0;
}

static void check(int flag, const char *what) {
  if (flag < 0) { fprintf(stderr, "%s failed: %d\n", what, flag); exit(1); }
}

/* One gradient: returns the forward and backward steps through the pointers. */
static void gradient(SUNContext ctx, double rtol, double *grad, long *forwardSteps, long *backwardSteps) {
  double atol = 1e-6 * rtol, times[K], states[K][3];
  for (int k = 0; k < K; k++) times[k] = 0.4 * pow(10.0, 4.0 * k / (K - 1));
  N_Vector y = N_VNew_Serial(3, ctx);
  double *yd = N_VGetArrayPointer(y);
  yd[0] = 1; yd[1] = 0; yd[2] = 0;
  void *mem = CVodeCreate(CV_BDF, ctx);
  check(CVodeInit(mem, rhs, 0.0, y), "CVodeInit");
  check(CVodeSStolerances(mem, rtol, atol), "CVodeSStolerances");
  SUNMatrix A = SUNDenseMatrix(3, 3, ctx);
  SUNLinearSolver LS = SUNLinSol_Dense(y, A, ctx);
  check(CVodeSetLinearSolver(mem, LS, A), "CVodeSetLinearSolver");
  check(CVodeSetJacFn(mem, jac), "CVodeSetJacFn");
  check(CVodeSetMaxNumSteps(mem, 1000000), "CVodeSetMaxNumSteps");
  check(CVodeAdjInit(mem, 100, CV_HERMITE), "CVodeAdjInit");
  int ncheck;
  double t;
  for (int k = 0; k < K; k++) {
    check(CVodeF(mem, times[k], y, &t, CV_NORMAL, &ncheck), "CVodeF");
    for (int i = 0; i < 3; i++) states[k][i] = yd[i];
  }
  long nst;
  CVodeGetNumSteps(mem, &nst);
  *forwardSteps = nst;

  N_Vector l = N_VNew_Serial(3, ctx), q = N_VNew_Serial(3, ctx);
  double *ld = N_VGetArrayPointer(l), *qd = N_VGetArrayPointer(q);
  for (int i = 0; i < 3; i++) { ld[i] = 2 * states[K - 1][i]; qd[i] = 0; }
  int which;
  check(CVodeCreateB(mem, CV_BDF, &which), "CVodeCreateB");
  check(CVodeInitB(mem, which, rhsB, times[K - 1], l), "CVodeInitB");
  check(CVodeSStolerancesB(mem, which, rtol, atol), "CVodeSStolerancesB");
  SUNMatrix AB = SUNDenseMatrix(3, 3, ctx);
  SUNLinearSolver LSB = SUNLinSol_Dense(l, AB, ctx);
  check(CVodeSetLinearSolverB(mem, which, LSB, AB), "CVodeSetLinearSolverB");
  check(CVodeSetJacFnB(mem, which, jacB), "CVodeSetJacFnB");
  check(CVodeSetMaxNumStepsB(mem, which, 1000000), "CVodeSetMaxNumStepsB");
  check(CVodeQuadInitB(mem, which, quadB, q), "CVodeQuadInitB");
  check(CVodeQuadSStolerancesB(mem, which, rtol, atol), "CVodeQuadSStolerancesB");
  check(CVodeSetQuadErrConB(mem, which, SUNTRUE), "CVodeSetQuadErrConB");
  long backward = 0;
  for (int k = K - 2; k >= -1; k--) {
    double target = k >= 0 ? times[k] : 0.0;
    check(CVodeB(mem, target, CV_NORMAL), "CVodeB");
    check(CVodeGetB(mem, which, &t, l), "CVodeGetB");
    check(CVodeGetQuadB(mem, which, &t, q), "CVodeGetQuadB");
    void *memB = CVodeGetAdjCVodeBmem(mem, which);
    CVodeGetNumSteps(memB, &nst);
    backward += nst;
    if (k < 0) break;
    for (int i = 0; i < 3; i++) ld[i] += 2 * states[k][i];
    check(CVodeReInitB(mem, which, target, l), "CVodeReInitB");
    check(CVodeQuadReInitB(mem, which, q), "CVodeQuadReInitB");
  }
  *backwardSteps = backward;
  for (int i = 0; i < 3; i++) { grad[i] = qd[i]; grad[3 + i] = ld[i]; }
  N_VDestroy(y); N_VDestroy(l); N_VDestroy(q);
  SUNMatDestroy(A); SUNMatDestroy(AB); SUNLinSolFree(LS); SUNLinSolFree(LSB);
  CVodeFree(&mem);
}

static double seconds(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec + 1e-9 * ts.tv_nsec;
}

int main(int argc, char **argv) {
  int repeats = argc > 1 ? atoi(argv[1]) : 200;
  double reference[6];
  int haveReference = argc >= 8;
  for (int i = 0; haveReference && i < 6; i++) reference[i] = atof(argv[2 + i]);
  SUNContext ctx;
  check(SUNContext_Create(NULL, &ctx), "SUNContext_Create");
  double tolerances[] = {1e-4, 1e-5, 1e-6, 1e-7, 1e-8, 1e-9, 1e-10};
  for (int r = 0; r < 7; r++) {
    double grad[6];
    long fs, bs;
    gradient(ctx, tolerances[r], grad, &fs, &bs);
    double start = seconds();
    for (int i = 0; i < repeats; i++) gradient(ctx, tolerances[r], grad, &fs, &bs);
    double mean = (seconds() - start) / repeats;
    double worst = 0;
    for (int i = 0; haveReference && i < 6; i++) worst = fmax(worst, fabs(grad[i] - reference[i]) / fabs(reference[i]));
    printf("cvodes rtol %.0e: %.1f us per gradient, %ld forward + %ld backward steps, max relative error %.2e, dL/dp %.10e %.10e %.10e dL/dy0 %.10e %.10e %.10e\n",
           tolerances[r], 1e6 * mean, fs, bs, worst, grad[0], grad[1], grad[2], grad[3], grad[4], grad[5]);
  }
  SUNContext_Free(&ctx);
  return 0;
}
