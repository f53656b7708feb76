using System;

namespace OdeGen;

/// <summary>
/// An ODE solver usable with <see cref="Ode.Solve{TSystem}(TSystem, ReadOnlySpan{double}, ReadOnlySpan{double}, double, double, IOdeSolver, SolverOptions?)"/>:
/// <see cref="Euler"/>, <see cref="Midpoint"/>, <see cref="Rk4"/>, <see cref="Bosh3"/>, <see cref="Dopri5"/>,
/// <see cref="Tsit5"/>, <see cref="Dop853"/>, <see cref="Rodas5P"/>.
/// </summary>
public interface IOdeSolver
{
    /// <summary>Short name, e.g. <c>"Dopri5"</c>.</summary>
    string Name { get; }

    /// <summary>Order of convergence.</summary>
    int Order { get; }

    /// <summary>Whether the solver controls its step size from an error estimate (otherwise it needs <see cref="SolverOptions.FixedStep"/>).</summary>
    bool IsAdaptive { get; }

    /// <summary>
    /// Whether each step solves linear systems with the Jacobian (<see cref="Rodas5P"/>): a solver for stiff
    /// problems, whose steps may span fast transients, which gradient methods treat with more care.
    /// </summary>
    bool IsImplicit { get; }

    /// <summary>Integrates from <paramref name="t0"/> to <paramref name="t1"/>; arguments are already validated.</summary>
    internal OdeSolution Solve<TSystem>(TSystem system, ReadOnlySpan<double> y0, double[] p, double t0, double t1, SolverOptions options)
        where TSystem : IOdeSystem;
}
