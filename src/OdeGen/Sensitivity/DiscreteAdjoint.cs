using System;

namespace OdeGen;

/// <summary>
/// The discrete adjoint: the exact reverse of the Runge–Kutta steps the forward solve actually took, stage by
/// stage with the generated <see cref="IOdeSystem.Vjp"/>, step sizes held as constants (Hager 2000; Sandu 2006).
/// It is the exact gradient of the discrete solution (to rounding), whatever the tolerance — what "backpropagating
/// through the solver" computes, without a tape.
/// <para>
/// The forward pass steps exactly onto each observation time (one solve per interval, so <c>y(t_k)</c> is a step
/// end rather than an interpolated value) and keeps every step's start state: memory <c>O(steps · n)</c>. The
/// backward pass recomputes each step's stages from its start state and costs about two evaluations per stage.
/// <c>dL/dt0 = -(dL/dy0) · f(t0, y0)</c> and <c>dL/dt_k = dL/dy(t_k) · f(t_k, y(t_k))</c> use the continuous formulas
/// (the discrete step sequence has no derivative in time). Explicit Runge–Kutta solvers, adaptive or fixed-step.
/// </para>
/// </summary>
public sealed class DiscreteAdjoint : SensitivityMethod
{
    /// <inheritdoc />
    public override string Name => "DiscreteAdjoint";

    internal override GradientResult Compute<TSystem>(GradientProblem<TSystem> problem)
    {
        Passes.RequireExplicit(problem.Solver, Name,
            "the reverse of a Rosenbrock step differentiates its Jacobian, which needs second derivatives of f; use InterpolatingAdjoint.");
        var tableau = ((ExplicitRungeKuttaSolver)problem.Solver).Tableau;
        int n = problem.N, m = problem.M, count = problem.K;
        var times = problem.Times;
        var result = new GradientResult(n, m, count);

        // Forward: one solve per observation interval, keeping each one's steps.
        var intervals = new DenseTrajectory?[count];
        var forwardStats = default(SolverStats);
        var y = problem.Y0;
        for (int k = 0; k < count; k++)
        {
            double start = k > 0 ? times[k - 1] : problem.T0;
            if (!GradientProblem<TSystem>.Negligible(start, times[k]))
            {
                OdeSolution interval;
                try
                {
                    interval = problem.Solver.Solve(problem.System, y, problem.P, start, times[k], problem.ForwardOptions([times[k]], dense: true));
                }
                catch (OdeSolverException e)
                {
                    throw Passes.Label(e, Name, "forward");
                }
                intervals[k] = interval.Dense;
                forwardStats = Passes.Add(forwardStats, interval.Stats);
                interval.State(0).CopyTo(result.StateSlot(k));
            }
            else
            {
                y.CopyTo(result.StateSlot(k));
            }
            y = result.States(k).ToArray();
        }
        result.ForwardStats = forwardStats;
        var cotangents = new double[count * n];
        problem.ObservationCotangents(result, cotangents);

        // Backward: λ = ∂L/∂y at the end of the current step, reversed step by step.
        var reverse = new RungeKuttaStepAdjoint(tableau, n, m);
        var lambda = new double[n];
        cotangents.AsSpan((count - 1) * n, n).CopyTo(lambda);
        int evaluations = 0, steps = 0;
        for (int k = count - 1; k >= 0; k--)
        {
            if (intervals[k] is { } trajectory)
            {
                for (int i = trajectory.Count - 1; i >= 0; i--)
                {
                    problem.Options.CancellationToken.ThrowIfCancellationRequested();
                    // The first coefficient vector of every interpolant form is the step's start state.
                    var start = trajectory.Coefficients(i).Slice(0, n);
                    evaluations += reverse.Reverse(problem.System, problem.P, trajectory.StepStart(i), trajectory.StepSize(i), start, lambda, result.P);
                    steps++;
                }
            }
            if (k == 0) break;
            var jump = cotangents.AsSpan((k - 1) * n, n);
            for (int i = 0; i < n; i++) lambda[i] += jump[i];
        }
        lambda.CopyTo(result.Y0, 0);
        var f0 = new double[n];
        problem.System.Forward(problem.T0, problem.Y0, problem.P, f0);
        result.T0 = -GradientProblem<TSystem>.Dot(result.Y0, f0);
        result.BackwardStats = new SolverStats(evaluations, 0, 0, steps, 0);
        return result;
    }
}
