using System;

namespace OdeGen;

/// <summary>
/// The forward sensitivity system <c>u = [y, S]</c>, <c>S = [∂y/∂y0 | ∂y/∂p]</c> stored column by column:
/// <c>dy/dt = f</c>, <c>dS/dt = (∂f/∂y) S + [0 | ∂f/∂p]</c> (HNW I, Sect. I.14, the variational equations), one generated
/// <see cref="IOdeSystem.Jvp"/> per column (the first also writes <c>f</c>).
/// </summary>
internal readonly struct ForwardSensitivityRightHandSide<TSystem> : IRightHandSide
    where TSystem : IOdeSystem
{
    private readonly TSystem _system;
    private readonly double[] _p;
    private readonly int _n;
    private readonly int _m;
    private readonly double[] _unit;

    public ForwardSensitivityRightHandSide(TSystem system, double[] p)
    {
        _system = system;
        _p = p;
        _n = system.StateSize;
        _m = system.ParameterSize;
        _unit = new double[_m];
    }

    /// <summary>Number of sensitivity columns: one per initial-state entry, then one per parameter.</summary>
    public int Columns => _n + _m;

    public int Size => _n * (1 + _n + _m);

    public void Evaluate(double t, ReadOnlySpan<double> u, Span<double> du)
    {
        int n = _n;
        var y = u.Slice(0, n);
        for (int j = 0; j < n; j++)
        {
            // Column of ∂y/∂y0_j: no parameter direction.
            _system.Jvp(t, y, _p, u.Slice(n * (1 + j), n), _unit, 0.0, j == 0 ? du.Slice(0, n) : Span<double>.Empty, du.Slice(n * (1 + j), n));
        }
        for (int q = 0; q < _m; q++)
        {
            int offset = n * (1 + n + q);
            _unit[q] = 1.0;
            _system.Jvp(t, y, _p, u.Slice(offset, n), _unit, 0.0, Span<double>.Empty, du.Slice(offset, n));
            _unit[q] = 0.0;
        }
    }
}
