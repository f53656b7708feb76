using System;

namespace OdeGen;

/// <summary>
/// The adjoint system of the interpolating adjoint, <c>u = [a, a_t, a_p]</c> with <c>y(t)</c> read from the forward
/// pass's dense output: <c>da/dt = -aᵀ ∂f/∂y</c>, <c>da_t/dt = -aᵀ ∂f/∂t</c>, <c>da_p/dt = -aᵀ ∂f/∂p</c>, one generated
/// <see cref="IOdeSystem.Vjp"/> per evaluation. For stiff solvers it supplies its exact Jacobian
/// (<c>-(∂f/∂y)ᵀ</c>, <c>-(∂f/∂t)ᵀ</c>, <c>-(∂f/∂p)ᵀ</c> in the <c>a</c> columns; the quadratures <c>a_t</c>, <c>a_p</c> do not feed
/// back) and its time derivative by a central difference, since <c>y(t)</c> is only known through the interpolant.
/// A mutable struct (cached step index): the drivers take it by reference.
/// </summary>
internal struct InterpolatingAdjointRightHandSide<TSystem> : IJacobianRightHandSide
    where TSystem : IOdeSystem
{
    private readonly TSystem _system;
    private readonly double[] _p;
    private readonly int _n;
    private readonly int _m;
    private readonly double[] _y;
    // The forward system's Jacobians, for a stiff backward solver only: made on its first JacobianY (n² + n·m doubles,
    // gigabytes for a batch of a neural network, which an explicit solver must not pay for).
    private double[]? _jy;
    private double[]? _jp;
    private double[]? _ft;
    private readonly double[] _plus;
    private readonly double[] _minus;
    private DenseTrajectory? _trajectory;
    private int _step;

    public InterpolatingAdjointRightHandSide(TSystem system, double[] p)
    {
        _system = system;
        _p = p;
        _n = system.StateSize;
        _m = system.ParameterSize;
        _y = new double[_n];
        _plus = new double[_n + 1 + _m];
        _minus = new double[_n + 1 + _m];
        _trajectory = null;
        _step = 0;
    }

    public readonly int Size => _n + 1 + _m;

    /// <summary>The parts of <c>u = [a, a_t, a_p]</c>, with <c>a = dL/dy</c>, <c>a_t = -dL/dt</c>, <c>a_p = dL/dp</c>.</summary>
    public readonly string ComponentName(int index) =>
        index < _n ? $"the adjoint dL/dy[{index}]"
        : index == _n ? "the time adjoint"
        : $"the parameter adjoint dL/dp[{index - _n - 1}]";

    /// <summary>The forward dense output the adjoint reads <c>y(t)</c> from (the whole solve, or one checkpoint window).</summary>
    public DenseTrajectory Trajectory
    {
        readonly get => _trajectory!;
        set
        {
            _trajectory = value;
            _step = value.Count - 1;
        }
    }

    public void Evaluate(double t, ReadOnlySpan<double> u, Span<double> du) => EvaluateOn(Locate(t), t, u, du);

    /// <summary>The right-hand side with <c>y(t)</c> from the polynomial of forward step <paramref name="piece"/>.</summary>
    private void EvaluateOn(int piece, double t, ReadOnlySpan<double> u, Span<double> du)
    {
        int n = _n;
        _trajectory!.Evaluate(piece, t, _y);
        var adjointRate = du.Slice(0, n);
        var parameterRate = du.Slice(n + 1, _m);
        double aft = _system.Vjp(t, _y, _p, u.Slice(0, n), Span<double>.Empty, adjointRate, parameterRate);
        du[n] = -aft;
        for (int i = 0; i < adjointRate.Length; i++) adjointRate[i] = -adjointRate[i];
        for (int i = 0; i < parameterRate.Length; i++) parameterRate[i] = -parameterRate[i];
    }

    public void JacobianY(double t, ReadOnlySpan<double> u, Span<double> jac)
    {
        int n = _n, m = _m, size = Size;
        Interpolate(t);
        _jy ??= new double[n * n];
        _jp ??= new double[n * m];
        _ft ??= new double[n];
        _system.JacobianY(t, _y, _p, _jy);
        _system.JacobianP(t, _y, _p, _jp);
        _system.TimeDerivative(t, _y, _p, _ft);
        jac.Clear();
        for (int c = 0; c < n; c++)
        {
            for (int r = 0; r < n; r++) jac[r * size + c] = -_jy[c * n + r];
            jac[n * size + c] = -_ft[c];
            for (int q = 0; q < m; q++) jac[(n + 1 + q) * size + c] = -_jp[c * m + q];
        }
    }

    // The augmented system has no JVP of its own: its Rosenbrock stages are solved with the assembled Jacobian only.
    public bool HasJacobianVector => false;

    public void JacobianVector(double t, ReadOnlySpan<double> u, ReadOnlySpan<double> v, Span<double> jv)
        => throw new NotSupportedException("the augmented adjoint system has no JVP of its own.");

    public void TimeDerivative(double t, ReadOnlySpan<double> u, Span<double> dfdt)
    {
        // Central difference over a thousandth of the forward step at t: y(t) is a piecewise polynomial of the
        // forward steps, so the step size is the scale on which the right-hand side varies in t. Rosenbrock methods
        // need f_t only to the accuracy of their order conditions (HNW II, Sect. IV.7), which this meets.
        // Both points are on one polynomial piece, the one the backward step from t enters (the forward step that
        // ends at t when t is a step boundary), so the difference is that piece's derivative and not the mean of two.
        var trajectory = _trajectory!;
        int piece = Locate(t);
        if (piece > 0 && (t - trajectory.StepStart(piece)) * trajectory.StepSize(piece) <= 0) piece--;
        double delta = 1e-3 * Math.Abs(trajectory.StepSize(piece));
        if (delta == 0) delta = 1e-8 * Math.Max(1.0, Math.Abs(t));
        // The difference is over the times as rounded: far from t = 0 a small delta is a few units of t's last place.
        double after = t + delta, before = t - delta;
        EvaluateOn(piece, after, u, _plus);
        EvaluateOn(piece, before, u, _minus);
        double scale = 1 / (after - before);
        for (int i = 0; i < dfdt.Length; i++) dfdt[i] = (_plus[i] - _minus[i]) * scale;
    }

    private void Interpolate(double t) => _trajectory!.Evaluate(Locate(t), t, _y);

    /// <summary>The forward step containing <paramref name="t"/>; the backward pass walks the steps in order, so the cached one or its neighbour usually is.</summary>
    private int Locate(double t)
    {
        var trajectory = _trajectory!;
        int i = _step;
        if (!Contains(trajectory, i, t))
        {
            if (i > 0 && Contains(trajectory, i - 1, t)) i--;
            else i = trajectory.Find(t);
        }
        _step = i;
        return i;
    }

    private static bool Contains(DenseTrajectory trajectory, int i, double t)
    {
        double start = trajectory.StepStart(i), h = trajectory.StepSize(i);
        double theta = (t - start) / h;
        return theta >= 0 && theta <= 1;
    }
}
