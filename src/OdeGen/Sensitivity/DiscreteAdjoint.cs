using System;

namespace OdeGen;

/// <summary>
/// The discrete adjoint: the exact reverse of the Runge–Kutta steps the forward solve actually took, stage by
/// stage with the generated <see cref="IOdeSystem.Vjp"/>, step sizes held as constants (Hager 2000; Sandu 2006).
/// It is the exact gradient of the discrete solution (to rounding), whatever the tolerance — what "backpropagating
/// through the solver" computes, without a tape.
/// <para>
/// The forward pass steps exactly onto each observation time (one solve per interval, so <c>y(t_k)</c> is a step
/// end rather than an interpolated value) and keeps every step's start time and state: memory <c>O(steps · n)</c>. The
/// backward pass recomputes each step's stages from its start state and costs about two evaluations per stage.
/// <c>dL/dt0 = -(dL/dy0) · f(t0, y0)</c> and <c>dL/dt_k = dL/dy(t_k) · f(t_k, y(t_k))</c> use the continuous formulas
/// (the discrete step sequence has no derivative in time). Explicit Runge–Kutta solvers, adaptive or fixed-step, and
/// Rodas5P, whose steps are reversed with their Jacobian's derivative (<see cref="RosenbrockStepAdjoint"/>; generated
/// systems only, which have second derivatives).
/// </para>
/// </summary>
public sealed class DiscreteAdjoint : SensitivityMethod
{
    /// <summary>
    /// Choose the forward steps for the sensitivities as well as the state. The discrete adjoint is the exact gradient
    /// of the steps taken, so it is only as accurate as those steps are for <c>dy/dp</c>, and steps chosen for
    /// <c>y</c> alone can be far too coarse for it: across the relaxation jump of van der Pol with <c>mu = 1000</c>,
    /// <c>dL/dmu</c> at rtol 1e-8 is 9e-3 (relative) off. With this on, the forward pass also carries one directional
    /// sensitivity <c>s = (∂y/∂y0) w + (∂y/∂p) v</c> (<c>ds/dt = (∂f/∂y) s + (∂f/∂p) v</c>) under the same error
    /// control, for a fixed pseudo-random direction of signs scaled to the problem (<see cref="SensitivityDirection"/>);
    /// a generic direction sees every sensitivity the gradient can need. The state's steps are those the solver takes
    /// for <c>y</c>; a Rosenbrock step of <c>[y, s]</c> solves the same stages for <c>y</c>, since the augmented
    /// Jacobian is block lower triangular. The price: one JVP per stage in the forward pass, and for Rodas5P a Jacobian
    /// of twice the size with <c>n</c> second-order products (JvpVjp) per step. <c>null</c> (the default) turns it on
    /// for implicit solvers (<see cref="IOdeSolver.IsImplicit"/>) only, whose large stiff steps are where it matters;
    /// fixed steps (<see cref="SolverOptions.FixedStep"/>) ignore it.
    /// </summary>
    public bool? ControlSensitivityError { get; init; }

    /// <inheritdoc />
    public override string Name => "DiscreteAdjoint";

    internal override GradientResult Compute<TSystem>(GradientProblem<TSystem> problem)
    {
        int n = problem.N, m = problem.M, count = problem.K;
        IStepAdjoint reverse = Reverse(problem.Solver, problem.System, n, m);
        var times = problem.Times;
        var result = new GradientResult(n, m, count);

        // Forward: one solve per observation interval, reporting every step end (t_i, y_i): the step sequence to reverse.
        // With sensitivity error control each state is u = [y, s]; y is its first n entries.
        var intervals = new OdeSolution?[count];
        var forwardStats = default(SolverStats);
        // Fixed steps are not error-controlled: the sensitivity would change nothing.
        bool controlled = (ControlSensitivityError ?? problem.Solver.IsImplicit) && problem.Options.FixedStep is null;
        var sensitivityRhs = default(ForwardSensitivityRightHandSide<TSystem>);
        var u = controlled ? new double[2 * n] : [];
        if (controlled)
        {
            var (initialDirection, parameterDirection) = SensitivityDirection(problem.Y0, problem.P);
            sensitivityRhs = new ForwardSensitivityRightHandSide<TSystem>(problem.System, problem.P, parameterDirection);
            problem.Y0.CopyTo(u);
            initialDirection.CopyTo(u, n);
        }
        var options = problem.ForwardOptions(null, dense: false);
        for (int k = 0; k < count; k++)
        {
            double start = k > 0 ? times[k - 1] : problem.T0;
            ReadOnlySpan<double> y = k > 0 ? result.States(k - 1) : problem.Y0;
            if (GradientProblem<TSystem>.Negligible(start, times[k]))
            {
                y.CopyTo(result.StateSlot(k));
                continue;
            }
            OdeSolution interval;
            try
            {
                interval = controlled
                    ? Passes.Any(problem.Solver, ref sensitivityRhs, u, start, times[k], options)
                    : problem.Solver.Solve(problem.System, y, problem.P, start, times[k], options);
            }
            catch (OdeSolverException e)
            {
                throw Passes.Label(e, Name, "forward");
            }
            intervals[k] = interval;
            forwardStats = Passes.Add(forwardStats, interval.Stats);
            var end = interval.State(interval.Count - 1);
            end.Slice(0, n).CopyTo(result.StateSlot(k));
            if (controlled) end.CopyTo(u);
        }
        result.ForwardStats = forwardStats;
        var cotangents = new double[count * n];
        problem.ObservationCotangents(result, cotangents);

        // Backward: λ = ∂L/∂y at the end of the current step, reversed step by step.
        var lambda = new double[n];
        var previous = new double[n];
        cotangents.AsSpan((count - 1) * n, n).CopyTo(lambda);
        int evaluations = 0, steps = 0;
        var token = problem.Options.CancellationToken;
        for (int k = count - 1; k >= 0; k--)
        {
            if (intervals[k] is { } interval)
            {
                var stepEnds = interval.Times;
                double end = stepEnds[interval.Count - 1];
                for (int i = interval.Count - 2; i >= 0; i--)
                {
                    token.ThrowIfCancellationRequested();
                    double start = stepEnds[i];
                    lambda.CopyTo(previous, 0);
                    evaluations += reverse.Reverse(problem.System, problem.P, start, end - start, interval.State(i).Slice(0, n), lambda, result.P);
                    if (NonFiniteAdjoint(lambda, result.P, start, end) is { } what)
                        throw Failure(what, end, times[count - 1], cotangents.AsSpan((count - 1) * n, n), previous, new SolverStats(evaluations, steps * reverse.JacobiansPerStep, steps * reverse.JacobiansPerStep, steps, 0));
                    end = start;
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
        result.BackwardStats = new SolverStats(evaluations, steps * reverse.JacobiansPerStep, steps * reverse.JacobiansPerStep, steps, 0);
        return result;
    }

    /// <summary>
    /// The direction of the sensitivity that <see cref="ControlSensitivityError"/> carries: pseudo-random signs (a fixed
    /// seed, so a gradient is reproducible) scaled so that <c>s</c> has the units of <c>y</c> and the state's tolerances
    /// suit it: parameter q moves by <c>|p_q|</c> (1 where p_q = 0), a relative change, and every initial-state entry by
    /// the largest <c>|y0_i|</c> (1 when y0 = 0), the size of the state the tolerances are set for.
    /// </summary>
    internal static (double[] Initial, double[] Parameter) SensitivityDirection(ReadOnlySpan<double> y0, ReadOnlySpan<double> p)
    {
        var signs = new Random(20180619);
        double size = 0;
        foreach (double v in y0) size = Math.Max(size, Math.Abs(v));
        if (size == 0) size = 1;
        var initial = new double[y0.Length];
        for (int i = 0; i < initial.Length; i++) initial[i] = Sign(signs) * size;
        var parameter = new double[p.Length];
        for (int q = 0; q < parameter.Length; q++) parameter[q] = Sign(signs) * (p[q] != 0 ? Math.Abs(p[q]) : 1.0);
        return (initial, parameter);

        static double Sign(Random random) => random.Next(2) == 0 ? -1.0 : 1.0;
    }

    /// <summary>The reverse of the solver's steps: Runge–Kutta stages, or Rosenbrock stages with their Jacobian, which needs the system's second derivatives.</summary>
    private IStepAdjoint Reverse<TSystem>(IOdeSolver solver, in TSystem system, int n, int m)
        where TSystem : IOdeSystem
    {
        switch (solver)
        {
            case ExplicitRungeKuttaSolver explicitSolver:
                return new RungeKuttaStepAdjoint(explicitSolver.Tableau, n, m);
            case Rodas5P when !system.HasSecondDerivatives:
                throw new NotSupportedException($"{Name} through {solver.Name} differentiates each step's Jacobian, which needs the second derivatives " +
                    $"(JvpVjp) that generated systems have and {typeof(TSystem).Name} does not; use InterpolatingAdjoint or ForwardSensitivity, or implement JvpVjp.");
            case Rodas5P rodas:
                return new RosenbrockStepAdjoint(Rodas5P.Coefficients, n, m, rodas.RefineStages);
            default:
                throw new NotSupportedException($"{Name} cannot reverse the steps of {solver.Name}: it reverses explicit Runge–Kutta and Rodas5P steps.");
        }
    }

    /// <summary>What went non-finite in reversing the step [start, end], or null when λ and ∂L/∂p are finite.</summary>
    private static string? NonFiniteAdjoint(ReadOnlySpan<double> lambda, ReadOnlySpan<double> pBar, double start, double end)
    {
        int bad = NonFinite.First(lambda);
        if (bad >= 0) return $"the adjoint dL/dy[{bad}] became {lambda[bad]} reversing the step from t = {start} to {end}";
        bad = NonFinite.First(pBar);
        if (bad >= 0) return $"dL/dp[{bad}] became {pBar[bad]} reversing the step from t = {start} to {end}";
        return null;
    }

    /// <summary>
    /// The failure of the backward pass, as the other methods report theirs: NonFiniteState at the time reached, with the
    /// adjoint computed so far as the partial solution (λ = dL/dy at the last observation time and at that time).
    /// </summary>
    private OdeSolverException Failure(string what, double timeReached, double tEnd, ReadOnlySpan<double> lambdaAtEnd,
        ReadOnlySpan<double> lambdaReached, SolverStats stats)
    {
        int n = lambdaAtEnd.Length;
        var states = new double[2 * n];
        lambdaAtEnd.CopyTo(states);
        lambdaReached.CopyTo(states.AsSpan(n));
        var partial = new OdeSolution(Name, n, [tEnd, timeReached], states, 2, stats, null, tEnd, timeReached);
        return new OdeSolverException(OdeSolverFailure.NonFiniteState, timeReached, partial,
            $"{Name}: the backward pass failed: {what}; {NonFinite.LikelyCause}; a chaotic system over a long time overflows its gradient too.");
    }
}
