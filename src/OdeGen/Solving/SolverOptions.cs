using System;
using System.Collections.Generic;
using System.Threading;

namespace OdeGen;

/// <summary>Tolerances, output times and limits for <see cref="Ode.Solve{TSystem}(TSystem, ReadOnlySpan{double}, ReadOnlySpan{double}, double, double, IOdeSolver, SolverOptions?)"/>.</summary>
public sealed class SolverOptions
{
    /// <summary>Relative tolerance (default 1e-6). Must be positive.</summary>
    public double RelTol { get; init; } = 1e-6;

    /// <summary>Absolute tolerance (default 1e-9). Must be positive.</summary>
    public double AbsTol { get; init; } = 1e-9;

    /// <summary>
    /// Times at which to report the state, sorted in the direction of integration and inside <c>[t0, t1]</c>;
    /// values between steps come from the solver's dense output (steps are never shortened to hit them).
    /// <c>null</c> reports <c>t0</c> and the end of every accepted step.
    /// </summary>
    public IReadOnlyList<double>? SaveAt { get; init; }

    /// <summary>
    /// Times no adaptive step crosses: a step that would pass one is shortened to end on it, and the next step is the
    /// longer of the controller's new proposal and the step before the shortening (DifferentialEquations.jl's
    /// <c>tstops</c>, Diffrax's <c>step_ts</c>). For a right-hand side that is smooth only between known times, such as one that reads a
    /// piecewise interpolant or has a kink: a step across such a time loses the method's order, and its error estimate
    /// does not see it. Sorted in the direction of integration; times not strictly between <c>t0</c> and <c>t1</c>
    /// are ignored, and so are stops under <see cref="FixedStep"/>, whose steps are given.
    /// </summary>
    public IReadOnlyList<double>? StepStops { get; init; }

    /// <summary>
    /// Step size for a run without error control. Required by <see cref="Euler"/>, <see cref="Midpoint"/> and
    /// <see cref="Rk4"/>; adaptive solvers given a fixed step use it and skip their error estimate. The last step
    /// is shortened to end exactly at <c>t1</c>.
    /// </summary>
    public double? FixedStep { get; init; }

    /// <summary>First step size; by default Hairer's starting-step algorithm (HNW I, Sect. II.4) chooses it.</summary>
    public double? InitialStep { get; init; }

    /// <summary>Largest step size (default: <c>|t1 - t0|</c>).</summary>
    public double? MaxStep { get; init; }

    /// <summary>Most step attempts, accepted and rejected (default 100000); more is a <see cref="OdeSolverFailure.MaxStepsExceeded"/> failure.</summary>
    public int MaxSteps { get; init; } = 100000;

    /// <summary>
    /// Whether to keep every step's interpolant so that <see cref="OdeSolution.Interpolate"/> works anywhere in
    /// <c>[t0, t1]</c>. <c>null</c> (the default) keeps it when <see cref="SaveAt"/> is <c>null</c>; with it off,
    /// memory does not grow with the number of steps.
    /// </summary>
    public bool? Dense { get; init; }

    /// <summary>Checked once per step; cancellation throws <see cref="OperationCanceledException"/>.</summary>
    public CancellationToken CancellationToken { get; init; }

    /// <summary>Receives the fraction of <c>[t0, t1]</c> covered, every <see cref="ProgressInterval"/> accepted steps and at the end.</summary>
    public IProgress<double>? Progress { get; init; }

    /// <summary>Accepted steps between two <see cref="Progress"/> reports (default 1000).</summary>
    public int ProgressInterval { get; init; } = 1000;

    /// <summary>
    /// Number of leading state components that enter the step-size error norm; 0 (the default) means all.
    /// Gradient methods order their augmented state so that quadrature components which never feed back into the
    /// dynamics (the parameter adjoint) come last, and leave them out: the seminorm of Kidger, Chen &amp; Lyons,
    /// "Hey, that's not an ODE" (ICML 2021).
    /// </summary>
    internal int ErrorNormComponents { get; init; }

    /// <summary>
    /// Where a solve with dense output stores its steps: this trajectory, cleared first, instead of a new one (it
    /// must have the solver's dense form and sizes). Lets a checkpointed gradient re-solve window after window
    /// without allocating a trajectory per window.
    /// </summary>
    internal DenseTrajectory? DenseStorage { get; init; }
}
