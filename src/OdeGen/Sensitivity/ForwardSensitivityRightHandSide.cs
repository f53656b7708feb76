using System;

namespace OdeGen;

/// <summary>
/// The forward sensitivity system <c>u = [y, S]</c>, <c>S = [∂y/∂y0 | ∂y/∂p]</c> stored column by column:
/// <c>dy/dt = f</c>, <c>dS/dt = (∂f/∂y) S + [0 | ∂f/∂p]</c> (HNW I, Sect. I.14, the variational equations), one generated
/// <see cref="IOdeSystem.Jvp"/> per column (the first also writes <c>f</c>).
/// <para>
/// For stiff solvers it also supplies its Jacobian: block lower triangular, <c>∂f/∂y</c> on the diagonal and, in the
/// first block column, <c>∂(J s_j + ∂f/∂p e_j)/∂y</c>, which holds second derivatives of <c>f</c>: row r of it is
/// <c>hy</c> of the generated <see cref="IOdeSystem.JvpVjp(double, ReadOnlySpan{double}, ReadOnlySpan{double}, ReadOnlySpan{double}, ReadOnlySpan{double}, ReadOnlySpan{double}, Span{double}, Span{double}, Span{double})"/> with <c>w = e_r</c>, exactly. A hand-written system
/// without second derivatives gets central differences of the JVP instead (as CVODES's staggered corrector and
/// DifferentialEquations.jl's forward sensitivity do when no second derivative is available). The time derivative
/// of the sensitivity rows, <c>∂(J s_j)/∂t</c>, is a central difference in t, exactly zero for autonomous dynamics.
/// </para>
/// <para>
/// Given a parameter direction <c>v</c>, it is instead <c>u = [y, s]</c> with one column, the directional sensitivity
/// <c>ds/dt = (∂f/∂y) s + (∂f/∂p) v</c> (<c>s(t0)</c> is the caller's initial-state direction): what
/// <see cref="DiscreteAdjoint"/> solves to choose steps that resolve the sensitivities as well as the state.
/// </para>
/// </summary>
internal readonly struct ForwardSensitivityRightHandSide<TSystem> : IJacobianRightHandSide
    where TSystem : IOdeSystem
{
    private readonly TSystem _system;
    private readonly double[] _p;
    private readonly int _n;
    private readonly int _m;
    private readonly int _columns;
    private readonly double[]? _direction;
    private readonly double[] _unit;
    private readonly double[] _shifted;
    private readonly double[] _plus;
    private readonly double[] _minus;
    private readonly double[] _jacobian;
    private readonly double[] _cotangent;
    private readonly double[] _hy;
    private readonly double[] _hp;

    /// <param name="system">the system whose sensitivities are carried.</param>
    /// <param name="p">its parameters.</param>
    /// <param name="direction">null for the full sensitivity matrix; a parameter direction for one directional sensitivity.</param>
    public ForwardSensitivityRightHandSide(TSystem system, double[] p, double[]? direction = null)
    {
        _system = system;
        _p = p;
        _n = system.StateSize;
        _m = system.ParameterSize;
        _direction = direction;
        _columns = direction is null ? _n + _m : 1;
        _unit = new double[_m];
        _shifted = new double[_n];
        _plus = new double[_n];
        _minus = new double[_n];
        _jacobian = new double[_n * _n];
        _cotangent = new double[_n];
        _hy = new double[_n];
        _hp = new double[_m];
    }

    public int Size => _n * (1 + _columns);

    /// <summary>The parts of <c>u = [y, S]</c>, <c>S</c> column by column: <c>∂y/∂y0</c>, then <c>∂y/∂p</c> (or <c>[y, s]</c> for one direction).</summary>
    public string ComponentName(int index)
    {
        if (index < _n) return $"y[{index}]";
        if (_direction is not null) return $"the directional sensitivity s[{index - _n}]";
        int column = (index - _n) / _n, row = (index - _n) % _n;
        return column < _n ? $"the sensitivity dy[{row}]/dy0[{column}]" : $"the sensitivity dy[{row}]/dp[{column - _n}]";
    }

    public void Evaluate(double t, ReadOnlySpan<double> u, Span<double> du)
    {
        int n = _n;
        var y = u.Slice(0, n);
        for (int j = 0; j < _columns; j++)
            Column(t, y, u, j, j == 0 ? du.Slice(0, n) : Span<double>.Empty, du.Slice(n * (1 + j), n));
    }

    public void JacobianY(double t, ReadOnlySpan<double> u, Span<double> jac)
    {
        int n = _n, size = Size, columns = _columns;
        var y = u.Slice(0, n);
        jac.Clear();
        _system.JacobianY(t, y, _p, _jacobian);
        for (int block = 0; block <= columns; block++)
            for (int r = 0; r < n; r++)
                _jacobian.AsSpan(r * n, n).CopyTo(jac.Slice((block * n + r) * size + block * n, n));
        if (_system.HasSecondDerivatives)
        {
            ExactCoupling(t, y, u, jac);
            return;
        }
        // Coupling ∂(dS_j/dt)/∂y_l by central differences of the JVP in y.
        y.CopyTo(_shifted);
        for (int l = 0; l < n; l++)
        {
            double delta = Step(y[l]);
            for (int j = 0; j < columns; j++)
            {
                _shifted[l] = y[l] + delta;
                Column(t, _shifted, u, j, Span<double>.Empty, _plus);
                _shifted[l] = y[l] - delta;
                Column(t, _shifted, u, j, Span<double>.Empty, _minus);
                for (int r = 0; r < n; r++) jac[(n * (1 + j) + r) * size + l] = (_plus[r] - _minus[r]) / (2 * delta);
            }
            _shifted[l] = y[l];
        }
    }

    // The augmented system has no JVP of its own: its Rosenbrock stages are solved with the assembled Jacobian only.
    public bool HasJacobianVector => false;

    public void JacobianVector(double t, ReadOnlySpan<double> u, ReadOnlySpan<double> v, Span<double> jv)
        => throw new NotSupportedException("the augmented sensitivity system has no JVP of its own.");

    public void TimeDerivative(double t, ReadOnlySpan<double> u, Span<double> dfdt)
    {
        int n = _n;
        var y = u.Slice(0, n);
        _system.TimeDerivative(t, y, _p, dfdt.Slice(0, n));
        double delta = Step(t);
        for (int j = 0; j < _columns; j++)
        {
            Column(t + delta, y, u, j, Span<double>.Empty, _plus);
            Column(t - delta, y, u, j, Span<double>.Empty, _minus);
            var target = dfdt.Slice(n * (1 + j), n);
            for (int r = 0; r < n; r++) target[r] = (_plus[r] - _minus[r]) / (2 * delta);
        }
    }

    /// <summary>Row r of the coupling block of column j: <c>e_rᵀ ∂(J s_j + ∂f/∂p e_q)/∂y</c>, the hy of one JvpVjp.</summary>
    private void ExactCoupling(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> u, Span<double> jac)
    {
        int n = _n, size = Size;
        for (int j = 0; j < _columns; j++)
        {
            var tangent = Tangent(j);
            for (int r = 0; r < n; r++)
            {
                _cotangent[r] = 1.0;
                _system.JvpVjp(t, y, _p, u.Slice(n * (1 + j), n), tangent, _cotangent, Span<double>.Empty, _hy, _hp);
                _cotangent[r] = 0.0;
                _hy.CopyTo(jac.Slice((n * (1 + j) + r) * size, n));
            }
            Release(j);
        }
    }

    /// <summary><c>dS_j/dt = J s_j (+ ∂f/∂p e_{j-n})</c> at (<paramref name="t"/>, <paramref name="y"/>), with <c>s_j</c> read from <paramref name="u"/>.</summary>
    private void Column(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> u, int j, Span<double> f, Span<double> target)
    {
        int n = _n;
        _system.Jvp(t, y, _p, u.Slice(n * (1 + j), n), Tangent(j), 0.0, f, target);
        Release(j);
    }

    /// <summary>
    /// The parameter tangent of column j: the given direction, or <c>e_{j-n}</c> for a parameter column (set in the
    /// shared unit vector until <see cref="Release"/>) and zero for an initial-state column.
    /// </summary>
    private double[] Tangent(int j)
    {
        if (_direction is not null) return _direction;
        if (j >= _n) _unit[j - _n] = 1.0;
        return _unit;
    }

    private void Release(int j)
    {
        if (_direction is null && j >= _n) _unit[j - _n] = 0.0;
    }

    /// <summary>Central-difference step: the cube root of machine epsilon, relative (Press et al., Numerical Recipes, Sect. 5.7).</summary>
    private static double Step(double x) => 6.055454452393343e-6 * Math.Max(1.0, Math.Abs(x));
}
