using System;

namespace OdeGen;

/// <summary>
/// The augmented system of the backsolve adjoint (Chen et al. 2018, Sect. 2 and Appendix B; seed 001, Sect. 4.3),
/// laid out as <c>u = [y, a, a_t, a_p]</c>:
/// <c>dy/dt = f</c>, <c>da/dt = -aᵀ ∂f/∂y</c>, <c>da_t/dt = -aᵀ ∂f/∂t</c>, <c>da_p/dt = -aᵀ ∂f/∂p</c>.
/// One generated <see cref="IOdeSystem.Vjp"/> call per evaluation gives all four (it also writes <c>f</c>).
/// <c>a_p</c> comes last so that a seminorm can leave it out as a trailing block.
/// </summary>
internal readonly struct BacksolveAdjointRightHandSide<TSystem> : IRightHandSide
    where TSystem : IOdeSystem
{
    private readonly TSystem _system;
    private readonly double[] _p;
    private readonly int _n;
    private readonly int _m;

    public BacksolveAdjointRightHandSide(TSystem system, double[] p)
    {
        _system = system;
        _p = p;
        _n = system.StateSize;
        _m = system.ParameterSize;
    }

    public int Size => 2 * _n + 1 + _m;

    /// <summary>The parts of <c>u = [y, a, a_t, a_p]</c>, with <c>a = dL/dy</c>, <c>a_t = -dL/dt</c>, <c>a_p = dL/dp</c>.</summary>
    public string ComponentName(int index) =>
        index < _n ? $"the backwards-solved y[{index}]"
        : index < 2 * _n ? $"the adjoint dL/dy[{index - _n}]"
        : index == 2 * _n ? "the time adjoint"
        : $"the parameter adjoint dL/dp[{index - 2 * _n - 1}]";

    public void Evaluate(double t, ReadOnlySpan<double> u, Span<double> du)
    {
        int n = _n;
        var adjointRate = du.Slice(n, n);
        var parameterRate = du.Slice(2 * n + 1, _m);
        double aft = _system.Vjp(t, u.Slice(0, n), _p, u.Slice(n, n), du.Slice(0, n), adjointRate, parameterRate);
        du[2 * n] = -aft;
        for (int i = 0; i < adjointRate.Length; i++) adjointRate[i] = -adjointRate[i];
        for (int i = 0; i < parameterRate.Length; i++) parameterRate[i] = -parameterRate[i];
    }
}
