using System;

namespace OdeGen;

/// <summary>
/// One step of a Rosenbrock method (<see cref="RosenbrockTableau"/>) with the analytic Jacobian: the iteration
/// matrix <c>M = I/(γh) - J</c> is factorized in place (<see cref="LuDecomposition"/>) and each stage costs one
/// evaluation of <c>f</c> and one triangular solve. All buffers are allocated once.
/// </summary>
internal sealed class RosenbrockStepper
{
    private readonly RosenbrockTableau _tableau;
    private readonly int _n;
    private readonly int _s;
    private readonly double[] _jac;
    private readonly double[] _w;
    private readonly int[] _pivots;
    private readonly double[] _dfdt;
    private readonly double[] _k;
    private readonly double[] _u;
    private readonly double[] _err;
    private readonly double[] _rightSide;
    private readonly double[] _residual;
    private readonly bool _refine;

    /// <param name="tableau">the method's coefficients.</param>
    /// <param name="n">the state's size.</param>
    /// <param name="refineStages">whether each stage solve gets one step of iterative refinement with a residual from the
    /// right-hand side's JVP (<see cref="IJacobianRightHandSide.HasJacobianVector"/>); see <see cref="Step{TRhs}"/>.</param>
    public RosenbrockStepper(RosenbrockTableau tableau, int n, bool refineStages = true)
    {
        _refine = refineStages;
        _rightSide = new double[n];
        _residual = new double[n];
        _tableau = tableau;
        _n = n;
        _s = tableau.Stages;
        _jac = new double[n * n];
        _w = new double[n * n];
        _pivots = new int[n];
        _dfdt = new double[n];
        _k = new double[_s * n];
        _u = new double[n];
        _err = new double[n];
        F0 = new double[n];
    }

    /// <summary><c>f(t, y0)</c>; the caller fills it at the start of every new step.</summary>
    public double[] F0 { get; }

    /// <summary>Evaluations of <c>f</c> per <see cref="Step{TRhs}"/> (every stage but the first).</summary>
    public int EvaluationsPerStep => _s - 1;

    /// <summary>The component of the first NaN or ∞ among the last step's stages, and its value; -1 when all are finite.</summary>
    public int FirstNonFiniteStage(out double value)
    {
        int flat = NonFinite.First(_k);
        value = flat >= 0 ? _k[flat] : 0;
        return flat >= 0 ? flat % _n : -1;
    }

    /// <summary>Stage <paramref name="i"/> of the last step.</summary>
    public Span<double> Stage(int i) => _k.AsSpan(i * _n, _n);

    /// <summary>Evaluates <c>J = df/dy</c> and <c>df/dt</c> at (<paramref name="t"/>, <paramref name="y"/>).</summary>
    public void UpdateJacobian<TRhs>(ref TRhs rhs, double t, ReadOnlySpan<double> y)
        where TRhs : struct, IJacobianRightHandSide
    {
        rhs.JacobianY(t, y, _jac);
        rhs.TimeDerivative(t, y, _dfdt);
    }

    /// <summary>The first non-finite entry of the last <c>J</c> (row-major index) or of <c>df/dt</c> (n² + i), or -1.</summary>
    public int FirstNonFiniteDerivative()
    {
        int inJacobian = NonFinite.First(_jac);
        if (inJacobian >= 0) return inJacobian;
        int inTime = NonFinite.First(_dfdt);
        return inTime >= 0 ? _jac.Length + inTime : -1;
    }

    /// <summary>Forms and factorizes <c>M = I/(γh) - J</c>; false when it is singular.</summary>
    public bool Factor(double h)
    {
        double diag = 1.0 / (_tableau.Gamma * h);
        for (int i = 0; i < _jac.Length; i++) _w[i] = -_jac[i];
        for (int i = 0; i < _n; i++) _w[i * _n + i] += diag;
        return LuDecomposition.Factor(_w, _n, _pivots);
    }

    /// <summary>Solves <c>Mᵀ x = b</c> in place with the current factorization (the reverse of a stage solve).</summary>
    public void SolveTransposed(Span<double> b) => LuDecomposition.SolveTransposed(_w, _n, _pivots, b);

    /// <summary>
    /// Computes all stages and <paramref name="y1"/>; <see cref="F0"/>, the Jacobian and the factorization must be current.
    /// </summary>
    /// <remarks>
    /// A linear invariant <c>cᵀy</c> of f (<c>cᵀf = 0</c>, so <c>cᵀJ = 0</c>) is kept by Rosenbrock steps in exact
    /// arithmetic: <c>cᵀM = cᵀ/(γh)</c>, so <c>cᵀk_i = γh cᵀr_i = 0</c>. In floating point the assembled J has
    /// <c>cᵀJ</c> of the order of the rounding of its largest entries, and the stage solve multiplies that by γh:
    /// on E5 (HNW II, Sect. IV.10) <c>y2 - y3 - y4</c> drifts by 5e-10 of y2 at rtol 1e-6 (h‖J‖ ~ 1e7), and since y2,
    /// y3 and y4 all decay, y2 ends at the drift, 18 000 tolerance units from the reference. One step of iterative
    /// refinement whose residual <c>r_i - k_i/(γh) + J k_i</c> takes <c>J k_i</c> from the JVP (f's own operations,
    /// in which the invariant's rates cancel as they do in f) removes the drift: E5 ends within 1.3 tolerance units at
    /// every rtol from 1e-6 to 1e-10. It costs one JVP and one triangular solve per stage.
    /// </remarks>
    public void Step<TRhs>(ref TRhs rhs, double t, ReadOnlySpan<double> y0, double h, Span<double> y1)
        where TRhs : struct, IJacobianRightHandSide
    {
        var tab = _tableau;
        for (int i = 0; i < _s; i++)
        {
            var ki = Stage(i);
            if (i == 0)
            {
                F0.AsSpan().CopyTo(ki);
            }
            else
            {
                StageState(i, y0, _u);
                rhs.Evaluate(t + tab.C[i] * h, _u, ki);
            }
            double hd = h * tab.D[i];
            if (hd != 0.0)
                for (int l = 0; l < _n; l++) ki[l] += hd * _dfdt[l];
            for (int j = 0; j < i; j++)
            {
                double cij = tab.Cij[i * _s + j] / h;
                if (cij == 0.0) continue;
                var kj = Stage(j);
                for (int l = 0; l < _n; l++) ki[l] += cij * kj[l];
            }
            if (_refine && rhs.HasJacobianVector)
            {
                ki.CopyTo(_rightSide);
                LuDecomposition.Solve(_w, _n, _pivots, ki);
                Refine(ref rhs, t, y0, h, ki);
            }
            else
            {
                LuDecomposition.Solve(_w, _n, _pivots, ki);
            }
        }
        y0.CopyTo(y1);
        for (int j = 0; j < _s; j++)
        {
            double b = tab.B[j];
            if (b == 0.0) continue;
            var kj = Stage(j);
            for (int l = 0; l < _n; l++) y1[l] += b * kj[l];
        }
    }

    /// <summary>Stage i's point <c>U_i = y0 + Σ_{j&lt;i} a_ij k_j</c> from the stages of the last step, into <paramref name="u"/>.</summary>
    public void StageState(int i, ReadOnlySpan<double> y0, Span<double> u)
    {
        y0.CopyTo(u);
        for (int j = 0; j < i; j++)
        {
            double a = _tableau.A[i * _s + j];
            if (a == 0.0) continue;
            var kj = Stage(j);
            for (int l = 0; l < _n; l++) u[l] += a * kj[l];
        }
    }

    /// <summary>k += M⁻¹ (r - M k) with <c>M k = k/(γh) - J k</c>, J k by the JVP; r is in <see cref="_rightSide"/>.</summary>
    private void Refine<TRhs>(ref TRhs rhs, double t, ReadOnlySpan<double> y0, double h, Span<double> k)
        where TRhs : struct, IJacobianRightHandSide
    {
        double diag = 1.0 / (_tableau.Gamma * h);
        rhs.JacobianVector(t, y0, k, _residual);
        for (int l = 0; l < _n; l++) _residual[l] += _rightSide[l] - diag * k[l];
        LuDecomposition.Solve(_w, _n, _pivots, _residual);
        for (int l = 0; l < _n; l++) k[l] += _residual[l];
    }

    /// <summary>
    /// Hairer's scaled RMS norm of the embedded error estimate <c>Σ e_j k_j</c> over the first
    /// <paramref name="components"/> components (0: all; see <see cref="SolverOptions.ErrorNormComponents"/>).
    /// </summary>
    public double Error(ReadOnlySpan<double> y0, ReadOnlySpan<double> y1, double atol, double rtol, int components = 0)
    {
        int q = components > 0 && components < _n ? components : _n;
        Array.Clear(_err);
        for (int j = 0; j < _s; j++)
        {
            double e = _tableau.E[j];
            if (e == 0.0) continue;
            var kj = Stage(j);
            for (int l = 0; l < _n; l++) _err[l] += e * kj[l];
        }
        return ErrorNorm.Rms(_err.AsSpan(0, q), y0.Slice(0, q), y1.Slice(0, q), atol, rtol);
    }

    /// <summary>
    /// Writes the step's interpolant as five coefficient vectors of <see cref="DenseForm.HairerNested"/>:
    /// <c>y0, y1 - y0, kd1, kd2 + kd3, -kd3</c>, which equals <c>(1-θ) y0 + θ (y1 + (1-θ)(kd1 + θ (kd2 + θ kd3)))</c>.
    /// </summary>
    public void BuildDense(ReadOnlySpan<double> y0, ReadOnlySpan<double> y1, Span<double> coefficients)
    {
        int n = _n;
        var H = _tableau.H;
        for (int l = 0; l < n; l++)
        {
            double kd1 = 0, kd2 = 0, kd3 = 0;
            for (int j = 0; j < _s; j++)
            {
                double kj = _k[j * n + l];
                kd1 += H[j] * kj;
                kd2 += H[_s + j] * kj;
                kd3 += H[2 * _s + j] * kj;
            }
            coefficients[l] = y0[l];
            coefficients[n + l] = y1[l] - y0[l];
            coefficients[2 * n + l] = kd1;
            coefficients[3 * n + l] = kd2 + kd3;
            coefficients[4 * n + l] = -kd3;
        }
    }
}
