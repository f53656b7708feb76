/* A stiff adjoint gradient with CVODES (BDF, Newton, dense direct solver with the analytic Jacobian, its checkpointed
 * adjoint with Hermite interpolation), the configurations of bench/OdeGen.Benchmarks/StiffAdjoint.cs:
 *   robertson: y0 = (1, 0, 0), p = (0.04, 3e7, 1e4), 50 log-spaced observations from 0.4 to 4000;
 *   hires: HIRES (Schaefer 1975; Bari test set) with its 12 rate constants as p, y0 = (1, 0, 0, 0, 0, 0, 0, 0.0057),
 *          50 log-spaced observations from 1 to 321.8122.
 * Loss L = sum_k |y(t_k)|^2; gradient dL/dp (a backward quadrature) and dL/dy0.
 *
 * Backward: lambda' = -J^T lambda from t_K with lambda = dL/dy(t_K), a jump dL/dy(t_k) at each earlier observation
 * (CVodeReInitB), and q' = -lambda^T df/dp, so that q(t0) = dL/dp and lambda(t0) = dL/dy0.
 *
 * build: cc -O2 -o stiff_adjoint_cvodes stiff_adjoint_cvodes.c -lsundials_cvodes -lsundials_nvecserial \
 *        -lsundials_sunmatrixdense -lsundials_sunlinsoldense -lm
 * usage: stiff_adjoint_cvodes robertson|hires [repeats] [the reference: dL/dp then dL/dy0]
 *   prints, per rtol (atol = 1e-6 rtol), the mean time of one gradient, the steps, and the largest relative error
 *   against the reference when one is given.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <cvodes/cvodes.h>
#include <nvector/nvector_serial.h>
#include <sunlinsol/sunlinsol_dense.h>
#include <sunmatrix/sunmatrix_dense.h>

#define K 50
#define MAXN 8
#define MAXP 12

/* One problem: sizes, initial state, parameters, observation span, f, J = df/dy and F = df/dp (row-major). */
typedef struct {
  int n, np;
  double y0[MAXN], p[MAXP], first, last;
  void (*f)(const double *p, const double *y, double *dy);
  void (*jac)(const double *p, const double *y, double j[MAXN][MAXN]);
  void (*jacp)(const double *p, const double *y, double f[MAXN][MAXP]);
} Problem;

static void robertson_f(const double *p, const double *y, double *f) {
  double r1 = p[0] * y[0], r2 = p[1] * y[1] * y[1], r3 = p[2] * y[1] * y[2];
  f[0] = -r1 + r3; f[1] = r1 - r2 - r3; f[2] = r2;
}

static void robertson_jac(const double *p, const double *y, double j[MAXN][MAXN]) {
  j[0][0] = -p[0]; j[0][1] = p[2] * y[2];                    j[0][2] = p[2] * y[1];
  j[1][0] = p[0];  j[1][1] = -2 * p[1] * y[1] - p[2] * y[2]; j[1][2] = -p[2] * y[1];
  j[2][0] = 0;     j[2][1] = 2 * p[1] * y[1];                j[2][2] = 0;
}

static void robertson_jacp(const double *p, const double *y, double f[MAXN][MAXP]) {
  f[0][0] = -y[0]; f[0][1] = 0;            f[0][2] = y[1] * y[2];
  f[1][0] = y[0];  f[1][1] = -y[1] * y[1]; f[1][2] = -y[1] * y[2];
  f[2][0] = 0;     f[2][1] = y[1] * y[1];  f[2][2] = 0;
}

/* HIRES with p = (1.71, 0.43, 8.32, 0.0007, 8.75, 10.03, 0.035, 1.12, 1.745, 280, 0.69, 1.81). */
static void hires_f(const double *p, const double *y, double *f) {
  double r = p[9] * y[5] * y[7];
  f[0] = -p[0] * y[0] + p[1] * y[1] + p[2] * y[2] + p[3];
  f[1] = p[0] * y[0] - p[4] * y[1];
  f[2] = -p[5] * y[2] + p[1] * y[3] + p[6] * y[4];
  f[3] = p[2] * y[1] + p[0] * y[2] - p[7] * y[3];
  f[4] = -p[8] * y[4] + p[1] * y[5] + p[1] * y[6];
  f[5] = -r + p[10] * y[3] + p[0] * y[4] - p[1] * y[5] + p[10] * y[6];
  f[6] = r - p[11] * y[6];
  f[7] = -r + p[11] * y[6];
}

static void hires_jac(const double *p, const double *y, double j[MAXN][MAXN]) {
  memset(j, 0, sizeof(double) * MAXN * MAXN);
  j[0][0] = -p[0]; j[0][1] = p[1]; j[0][2] = p[2];
  j[1][0] = p[0];  j[1][1] = -p[4];
  j[2][2] = -p[5]; j[2][3] = p[1]; j[2][4] = p[6];
  j[3][1] = p[2];  j[3][2] = p[0]; j[3][3] = -p[7];
  j[4][4] = -p[8]; j[4][5] = p[1]; j[4][6] = p[1];
  j[5][3] = p[10]; j[5][4] = p[0]; j[5][5] = -p[9] * y[7] - p[1]; j[5][6] = p[10]; j[5][7] = -p[9] * y[5];
  j[6][5] = p[9] * y[7];  j[6][6] = -p[11]; j[6][7] = p[9] * y[5];
  j[7][5] = -p[9] * y[7]; j[7][6] = p[11];  j[7][7] = -p[9] * y[5];
}

static void hires_jacp(const double *p, const double *y, double f[MAXN][MAXP]) {
  memset(f, 0, sizeof(double) * MAXN * MAXP);
  f[0][0] = -y[0]; f[0][1] = y[1]; f[0][2] = y[2]; f[0][3] = 1;
  f[1][0] = y[0];  f[1][4] = -y[1];
  f[2][5] = -y[2]; f[2][1] = y[3]; f[2][6] = y[4];
  f[3][2] = y[1];  f[3][0] = y[2]; f[3][7] = -y[3];
  f[4][8] = -y[4]; f[4][1] = y[5] + y[6];
  f[5][9] = -y[5] * y[7]; f[5][10] = y[3] + y[6]; f[5][0] = y[4]; f[5][1] = -y[5];
  f[6][9] = y[5] * y[7];  f[6][11] = -y[6];
  f[7][9] = -y[5] * y[7]; f[7][11] = y[6];
}

static const Problem Robertson = {3, 3, {1, 0, 0}, {0.04, 3e7, 1e4}, 0.4, 4000, robertson_f, robertson_jac, robertson_jacp};
static const Problem Hires = {8, 12, {1, 0, 0, 0, 0, 0, 0, 0.0057}, {1.71, 0.43, 8.32, 0.0007, 8.75, 10.03, 0.035, 1.12, 1.745, 280, 0.69, 1.81},
                              1, 321.8122, hires_f, hires_jac, hires_jacp};
static const Problem *P;

static int rhs(sunrealtype t, N_Vector y, N_Vector ydot, void *data) {
  P->f(P->p, N_VGetArrayPointer(y), N_VGetArrayPointer(ydot));
  return 0;
}

static int jac(sunrealtype t, N_Vector y, N_Vector fy, SUNMatrix J, void *data, N_Vector t1, N_Vector t2, N_Vector t3) {
  double j[MAXN][MAXN];
  P->jac(P->p, N_VGetArrayPointer(y), j);
  for (int r = 0; r < P->n; r++)
    for (int c = 0; c < P->n; c++) SM_ELEMENT_D(J, r, c) = j[r][c];
  return 0;
}

/* lambda' = -J^T lambda */
static int rhsB(sunrealtype t, N_Vector y, N_Vector lv, N_Vector ldot, void *data) {
  double j[MAXN][MAXN], *l = N_VGetArrayPointer(lv), *d = N_VGetArrayPointer(ldot);
  P->jac(P->p, N_VGetArrayPointer(y), j);
  for (int c = 0; c < P->n; c++) {
    double sum = 0;
    for (int r = 0; r < P->n; r++) sum += j[r][c] * l[r];
    d[c] = -sum;
  }
  return 0;
}

static int jacB(sunrealtype t, N_Vector y, N_Vector lv, N_Vector fl, SUNMatrix JB, void *data, N_Vector t1, N_Vector t2, N_Vector t3) {
  double j[MAXN][MAXN];
  P->jac(P->p, N_VGetArrayPointer(y), j);
  for (int r = 0; r < P->n; r++)
    for (int c = 0; c < P->n; c++) SM_ELEMENT_D(JB, r, c) = -j[c][r];
  return 0;
}

/* q' = -lambda^T df/dp */
static int quadB(sunrealtype t, N_Vector y, N_Vector lv, N_Vector qdot, void *data) {
  double fp[MAXN][MAXP], *l = N_VGetArrayPointer(lv), *q = N_VGetArrayPointer(qdot);
  P->jacp(P->p, N_VGetArrayPointer(y), fp);
  for (int k = 0; k < P->np; k++) {
    double sum = 0;
    for (int i = 0; i < P->n; i++) sum += l[i] * fp[i][k];
    q[k] = -sum;
  }
  return 0;
}

static void check(int flag, const char *what) {
  if (flag < 0) { fprintf(stderr, "%s failed: %d\n", what, flag); exit(1); }
}

/* One gradient into grad (dL/dp, then dL/dy0); the forward and backward steps through the pointers. */
static void gradient(SUNContext ctx, double rtol, double *grad, long *forwardSteps, long *backwardSteps) {
  int n = P->n, np = P->np;
  double atol = 1e-6 * rtol, times[K], states[K][MAXN];
  for (int k = 0; k < K; k++) times[k] = P->first * pow(P->last / P->first, (double)k / (K - 1));
  N_Vector y = N_VNew_Serial(n, ctx);
  double *yd = N_VGetArrayPointer(y);
  for (int i = 0; i < n; i++) yd[i] = P->y0[i];
  void *mem = CVodeCreate(CV_BDF, ctx);
  check(CVodeInit(mem, rhs, 0.0, y), "CVodeInit");
  check(CVodeSStolerances(mem, rtol, atol), "CVodeSStolerances");
  SUNMatrix A = SUNDenseMatrix(n, n, ctx);
  SUNLinearSolver LS = SUNLinSol_Dense(y, A, ctx);
  check(CVodeSetLinearSolver(mem, LS, A), "CVodeSetLinearSolver");
  check(CVodeSetJacFn(mem, jac), "CVodeSetJacFn");
  check(CVodeSetMaxNumSteps(mem, 1000000), "CVodeSetMaxNumSteps");
  check(CVodeAdjInit(mem, 100, CV_HERMITE), "CVodeAdjInit");
  int ncheck;
  double t;
  for (int k = 0; k < K; k++) {
    check(CVodeF(mem, times[k], y, &t, CV_NORMAL, &ncheck), "CVodeF");
    for (int i = 0; i < n; i++) states[k][i] = yd[i];
  }
  long nst;
  CVodeGetNumSteps(mem, &nst);
  *forwardSteps = nst;

  N_Vector l = N_VNew_Serial(n, ctx), q = N_VNew_Serial(np, ctx);
  double *ld = N_VGetArrayPointer(l), *qd = N_VGetArrayPointer(q);
  for (int i = 0; i < n; i++) ld[i] = 2 * states[K - 1][i];
  for (int k = 0; k < np; k++) qd[k] = 0;
  int which;
  check(CVodeCreateB(mem, CV_BDF, &which), "CVodeCreateB");
  check(CVodeInitB(mem, which, rhsB, times[K - 1], l), "CVodeInitB");
  check(CVodeSStolerancesB(mem, which, rtol, atol), "CVodeSStolerancesB");
  SUNMatrix AB = SUNDenseMatrix(n, n, ctx);
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
    CVodeGetNumSteps(CVodeGetAdjCVodeBmem(mem, which), &nst);
    backward += nst; /* CVodeReInitB restarts the count */
    if (k < 0) break;
    for (int i = 0; i < n; i++) ld[i] += 2 * states[k][i];
    check(CVodeReInitB(mem, which, target, l), "CVodeReInitB");
    check(CVodeQuadReInitB(mem, which, q), "CVodeQuadReInitB");
  }
  *backwardSteps = backward;
  for (int k = 0; k < np; k++) grad[k] = qd[k];
  for (int i = 0; i < n; i++) grad[np + i] = ld[i];
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
  if (argc < 2 || (strcmp(argv[1], "robertson") && strcmp(argv[1], "hires"))) {
    fprintf(stderr, "usage: stiff_adjoint_cvodes robertson|hires [repeats] [reference dL/dp then dL/dy0]\n");
    return 2;
  }
  P = strcmp(argv[1], "hires") ? &Robertson : &Hires;
  int repeats = argc > 2 ? atoi(argv[2]) : 50, size = P->np + P->n;
  double reference[MAXN + MAXP];
  int haveReference = argc >= 3 + size;
  for (int i = 0; haveReference && i < size; i++) reference[i] = atof(argv[3 + i]);
  SUNContext ctx;
  check(SUNContext_Create(NULL, &ctx), "SUNContext_Create");
  double tolerances[] = {1e-4, 1e-5, 1e-6, 1e-7, 1e-8, 1e-9, 1e-10};
  for (int r = 0; r < 7; r++) {
    double grad[MAXN + MAXP];
    long fs, bs;
    gradient(ctx, tolerances[r], grad, &fs, &bs);
    double start = seconds();
    for (int i = 0; i < repeats; i++) gradient(ctx, tolerances[r], grad, &fs, &bs);
    double mean = (seconds() - start) / repeats, worst = 0;
    for (int i = 0; haveReference && i < size; i++) worst = fmax(worst, fabs(grad[i] - reference[i]) / fabs(reference[i]));
    printf("cvodes %s rtol %.0e: %.1f us per gradient, %ld forward + %ld backward steps, max relative error %.2e\n",
           argv[1], tolerances[r], 1e6 * mean, fs, bs, worst);
  }
  SUNContext_Free(&ctx);
  return 0;
}
