using System;

namespace OdeGen;

/// <summary>The reverse of one step of a solver, for <see cref="DiscreteAdjoint"/>.</summary>
internal interface IStepAdjoint
{
    /// <summary>Jacobians evaluated (and iteration matrices factorized) per reversed step: 1 for a Rosenbrock step, 0 for an explicit one.</summary>
    int JacobiansPerStep { get; }

    /// <summary>
    /// Replaces <paramref name="lambda"/> = ∂L/∂y1 by ∂L/∂y0 for the step of size <paramref name="h"/> from
    /// (<paramref name="t"/>, <paramref name="y0"/>), adds the step's ∂L/∂p to <paramref name="pBar"/>, and returns the
    /// evaluations it used.
    /// </summary>
    int Reverse<TSystem>(in TSystem system, double[] p, double t, double h, ReadOnlySpan<double> y0, Span<double> lambda, Span<double> pBar)
        where TSystem : IOdeSystem;
}
