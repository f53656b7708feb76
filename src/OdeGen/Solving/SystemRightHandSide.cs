using System;

namespace OdeGen;

/// <summary>
/// Adapts an <see cref="IOdeSystem"/> and a parameter vector to <see cref="IJacobianRightHandSide"/>.
/// The parameters are copied once per solve, so the adapter can be a plain (non-ref) struct.
/// </summary>
internal readonly struct SystemRightHandSide<TSystem> : IJacobianRightHandSide
    where TSystem : IOdeSystem
{
    private readonly TSystem _system;
    private readonly double[] _p;
    private readonly double[]? _zeroP;

    /// <param name="system">the dynamics.</param>
    /// <param name="p">the parameters, bound for the solve.</param>
    /// <param name="zeroP">zeros of p's length, the parameter tangent of <see cref="JacobianVector"/>; without them (explicit
    /// solvers, unrefined Rosenbrock stages) the right-hand side has no JacobianVector and allocates nothing.</param>
    public SystemRightHandSide(TSystem system, double[] p, double[]? zeroP = null)
    {
        _system = system;
        _p = p;
        _zeroP = zeroP;
        Size = system.StateSize;
    }

    public int Size { get; }

    public string ComponentName(int index) => $"y[{index}]";

    public void Evaluate(double t, ReadOnlySpan<double> y, Span<double> dy) => _system.Forward(t, y, _p, dy);

    public void JacobianY(double t, ReadOnlySpan<double> y, Span<double> jac) => _system.JacobianY(t, y, _p, jac);

    public bool HasJacobianVector => _zeroP is not null;

    public void JacobianVector(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> v, Span<double> jv)
        => _system.Jvp(t, y, _p, v, _zeroP ?? throw new InvalidOperationException("made without the zeros JacobianVector needs"), 0.0, Span<double>.Empty, jv);

    public void TimeDerivative(double t, ReadOnlySpan<double> y, Span<double> dfdt) => _system.TimeDerivative(t, y, _p, dfdt);
}
