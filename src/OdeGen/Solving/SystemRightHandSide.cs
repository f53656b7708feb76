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

    public SystemRightHandSide(TSystem system, double[] p)
    {
        _system = system;
        _p = p;
        Size = system.StateSize;
    }

    public int Size { get; }

    public string ComponentName(int index) => $"y[{index}]";

    public void Evaluate(double t, ReadOnlySpan<double> y, Span<double> dy) => _system.Forward(t, y, _p, dy);

    public void JacobianY(double t, ReadOnlySpan<double> y, Span<double> jac) => _system.JacobianY(t, y, _p, jac);

    public void TimeDerivative(double t, ReadOnlySpan<double> y, Span<double> dfdt) => _system.TimeDerivative(t, y, _p, dfdt);
}
