using System;

namespace OdeGen;

/// <summary>
/// The interpolating adjoint: the forward pass keeps its dense output, and the backward pass solves only the
/// adjoint <c>[a, a_t, a_p]</c>, reading <c>y(t)</c> from that interpolant instead of solving for it backwards
/// (the "interpolating adjoint" of Rackauckas et al., "Universal differential equations for scientific machine
/// learning", 2020, and DiffEqSensitivity.jl; Kim et al., "Stiff neural ordinary differential equations", 2021).
/// <para>
/// Memory/accuracy trade-off: with <see cref="Checkpoints"/> = 0 (the default) every forward step's interpolant is
/// stored, <c>O(steps · n)</c> memory, and <c>y(t)</c> is as accurate as the forward solve everywhere, so the
/// backward pass is stable even for stiff or dissipative systems where <see cref="BacksolveAdjoint"/> is not. With
/// <see cref="Checkpoints"/> = <c>c &gt; 0</c> only the states at <c>c</c> equally spaced checkpoints (and at the
/// observations) are kept; each window is re-solved forwards with dense output just before the backward pass
/// crosses it, into one reused buffer, so memory is <c>O(c · n + steps/c · n)</c> at the price of one extra forward solve (counted in
/// <see cref="GradientResult.BackwardStats"/>); the re-solved interpolant agrees with the original to the
/// tolerance. Works with every solver of the runtime, including <see cref="Rodas5P"/> for stiff problems.
/// </para>
/// </summary>
public sealed class InterpolatingAdjoint : ContinuousAdjoint
{
    /// <summary>Number of checkpoint windows over <c>[t0, t_N]</c>; 0 (the default) keeps the whole forward interpolant.</summary>
    public int Checkpoints { get; init; }

    /// <summary>
    /// End a backward step on every forward step's start. The forward interpolant is one polynomial per forward
    /// step, so <c>y(t)</c>, and with it the adjoint's right-hand side, has a kink at each step's start; a backward
    /// step across one loses the method's order, and its error estimate does not see it. Across the steep fronts of
    /// a stiff problem that error dominates: on van der Pol with <c>mu = 1000</c>, <c>dL/dmu</c> at rtol 1e-6 has the
    /// wrong sign without the stops. The price is at least one backward step per forward step: 5–30% more backward
    /// steps on Robertson, 40–55% more evaluations on Lotka–Volterra with Dopri5, where it gains nothing.
    /// <c>null</c> (the default) stops for implicit solvers (<see cref="IOdeSolver.IsImplicit"/>) only.
    /// </summary>
    public bool? StopAtForwardSteps { get; init; }

    /// <inheritdoc />
    public override string Name => "InterpolatingAdjoint";

    internal override GradientResult Compute<TSystem>(GradientProblem<TSystem> problem)
    {
        if (Checkpoints < 0) throw new ArgumentException($"Checkpoints is {Checkpoints}; it must be 0 or positive.", "method");
        // Every window is a forward solve of at least one step, so more windows than MaxSteps could never finish.
        if (Checkpoints > problem.Options.MaxSteps)
            throw new ArgumentException(
                $"Checkpoints is {Checkpoints}; it must be at most SolverOptions.MaxSteps = {problem.Options.MaxSteps} (each window takes at least one step). A few dozen windows already cut the memory to a small fraction.", "method");
        int n = problem.N, m = problem.M, count = problem.K;
        var result = new GradientResult(n, m, count);
        var schedule = CheckpointSchedule.Build(problem.T0, problem.Times, Checkpoints);
        var points = schedule.Points;
        bool windowed = Checkpoints > 0;

        OdeSolution forward;
        try
        {
            forward = problem.Solver.Solve(problem.System, problem.Y0, problem.P, problem.T0, problem.TN,
                problem.ForwardOptions(points, dense: !windowed));
        }
        catch (OdeSolverException e)
        {
            throw Passes.Label(e, Name, "forward");
        }
        result.ForwardStats = forward.Stats;
        for (int j = 0; j < points.Length; j++)
            if (schedule.Observation[j] >= 0)
                forward.State(j).CopyTo(result.StateSlot(schedule.Observation[j]));
        var cotangents = new double[count * n];
        problem.ObservationCotangents(result, cotangents);

        // u = [a, a_t, a_p] at t_{K-1}.
        var u = new double[n + 1 + m];
        var a = u.AsSpan(0, n);
        cotangents.AsSpan((count - 1) * n, n).CopyTo(a);
        u[n] = -result.Times[count - 1];

        var rhs = new InterpolatingAdjointRightHandSide<TSystem>(problem.System, problem.P);
        bool stopAtForwardSteps = StopAtForwardSteps ?? problem.Solver.IsImplicit;
        ForwardStepBoundaries? stops = null;
        if (!windowed && forward.Dense is { Count: > 0 } whole)
        {
            rhs.Trajectory = whole;
            if (stopAtForwardSteps) stops = new ForwardStepBoundaries(whole);
        }
        int normComponents = Seminorm ? n + 1 : 0;
        var stats = default(SolverStats);
        double? firstStep = null;
        DenseTrajectory? storage = null;
        // One set of solver buffers for every backward segment.
        var workspace = Passes.Workspace(problem.Solver, u.Length);
        for (int j = points.Length - 1; j > 0; j--)
        {
            if (windowed && schedule.IsCheckpoint[j])
            {
                // Re-solve the window ending at this checkpoint, from the state stored at its start.
                int start = j - 1;
                while (!schedule.IsCheckpoint[start]) start--;
                OdeSolution window;
                try
                {
                    window = problem.Solver.Solve(problem.System, forward.State(start), problem.P, points[start], points[j],
                        problem.ForwardOptions([points[j]], dense: true, storage));
                }
                catch (OdeSolverException e)
                {
                    throw Passes.Label(e, Name, "backward (checkpoint recomputation)");
                }
                stats = Passes.Add(stats, window.Stats);
                if (stopAtForwardSteps && !ReferenceEquals(storage, window.Dense)) stops = new ForwardStepBoundaries(window.Dense!);
                storage = window.Dense!; // the first window's trajectory is reused by the others
                rhs.Trajectory = storage;
            }
            if (!GradientProblem<TSystem>.Negligible(points[j], points[j - 1]))
            {
                OdeSolution segment;
                try
                {
                    segment = Passes.Any(problem.Solver, ref rhs, u, points[j], points[j - 1],
                        problem.BackwardOptions(RelTol, AbsTol, points[j - 1], normComponents, firstStep, stops), workspace);
                }
                catch (OdeSolverException e)
                {
                    throw Passes.Label(e, Name, "backward");
                }
                segment.State(0).CopyTo(u);
                stats = Passes.Add(stats, segment.Stats);
                firstStep = GradientProblem<TSystem>.CarriedStep(points[j], points[j - 1], segment.Stats);
            }
            int k = schedule.Observation[j - 1];
            if (k >= 0)
            {
                var jump = cotangents.AsSpan(k * n, n);
                for (int i = 0; i < n; i++) a[i] += jump[i];
                u[n] -= result.Times[k];
            }
        }

        a.CopyTo(result.Y0);
        result.T0 = u[n];
        u.AsSpan(n + 1, m).CopyTo(result.P);
        result.BackwardStats = stats;
        return result;
    }
}
