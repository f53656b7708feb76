using System;

namespace OdeGen;

/// <summary>
/// The adjoint method of Chen, Rubanova, Bettencourt &amp; Duvenaud, "Neural ordinary differential equations"
/// (NeurIPS 2018): the augmented state <c>[y, a, a_t, a_p]</c> is solved backwards from the last observation time,
/// recomputing <c>y</c> alongside the adjoint <c>a</c>, which jumps by <c>dL/dy(t_k)</c> at each observation.
/// <para>
/// Memory: constant in the number of steps (only the states at the observation times are kept; the forward pass
/// stores no trajectory). Accuracy: the backwards-solved <c>y</c> drifts from the forward one (it is reset to the
/// forward state at each observation, as torchdiffeq does), so the gradient is accurate to roughly the tolerance
/// amplified by how unstable the reversed dynamics are; for dissipative or stiff systems, where reversing <c>y</c> is
/// ill-conditioned, use <see cref="InterpolatingAdjoint"/>. Explicit Runge–Kutta solvers only.
/// </para>
/// </summary>
public sealed class BacksolveAdjoint : ContinuousAdjoint
{
    /// <inheritdoc />
    public override string Name => "BacksolveAdjoint";

    internal override GradientResult Compute<TSystem>(GradientProblem<TSystem> problem)
    {
        Passes.RequireExplicit(problem.Solver, Name,
            "solving a stiff system backwards in time is unstable; use InterpolatingAdjoint, which reads y from the forward solution.");
        int n = problem.N, m = problem.M, count = problem.K;
        var times = problem.Times;
        var result = new GradientResult(n, m, count);

        OdeSolution forward;
        try
        {
            forward = problem.Solver.Solve(problem.System, problem.Y0, problem.P, problem.T0, problem.TN, problem.ForwardOptions(times, dense: false));
        }
        catch (OdeSolverException e)
        {
            throw Passes.Label(e, Name, "forward");
        }
        for (int k = 0; k < count; k++) forward.State(k).CopyTo(result.StateSlot(k));
        result.ForwardStats = forward.Stats;
        var cotangents = new double[count * n];
        problem.ObservationCotangents(result, cotangents);

        // u = [y, a, a_t, a_p] at t_{K-1}: a = dL/dy(t_{K-1}), a_t = -dL/dt_{K-1} (Chen et al. 2018, Algorithm 2).
        var u = new double[2 * n + 1 + m];
        var y = u.AsSpan(0, n);
        var a = u.AsSpan(n, n);
        result.States(count - 1).CopyTo(y);
        cotangents.AsSpan((count - 1) * n, n).CopyTo(a);
        u[2 * n] = -result.Times[count - 1];

        var rhs = new BacksolveAdjointRightHandSide<TSystem>(problem.System, problem.P);
        // One set of solver buffers for every backward segment.
        var workspace = Passes.Workspace(problem.Solver, u.Length);
        int normComponents = Seminorm ? 2 * n + 1 : 0;
        var stats = default(SolverStats);
        double? firstStep = null;
        for (int k = count - 1; k >= 0; k--)
        {
            double start = times[k], end = k > 0 ? times[k - 1] : problem.T0;
            if (!GradientProblem<TSystem>.Negligible(start, end))
            {
                OdeSolution segment;
                try
                {
                    segment = Passes.Explicit(problem.Solver, ref rhs, u, start, end, problem.BackwardOptions(RelTol, AbsTol, end, normComponents, firstStep), workspace);
                }
                catch (OdeSolverException e)
                {
                    throw Passes.Label(e, Name, "backward");
                }
                segment.State(0).CopyTo(u);
                stats = Passes.Add(stats, segment.Stats);
                firstStep = GradientProblem<TSystem>.CarriedStep(start, end, segment.Stats);
            }
            if (k == 0) break;
            // Restart y from the forward solution (it drifted while being solved backwards), then jump a and a_t.
            result.States(k - 1).CopyTo(y);
            var jump = cotangents.AsSpan((k - 1) * n, n);
            for (int i = 0; i < n; i++) a[i] += jump[i];
            u[2 * n] -= result.Times[k - 1];
        }

        a.CopyTo(result.Y0);
        result.T0 = u[2 * n];
        u.AsSpan(2 * n + 1, m).CopyTo(result.P);
        result.BackwardStats = stats;
        return result;
    }
}
