using System;

namespace OdeGen;

/// <summary>
/// Forward sensitivity analysis: the augmented state <c>[y, S]</c> with <c>dS/dt = (∂f/∂y) S + ∂f/∂p</c>, one
/// generated <see cref="IOdeSystem.Jvp"/> per column, solved forwards together with <c>y</c> under one error control;
/// the gradient is <c>Σ_k S(t_k)ᵀ dL/dy(t_k)</c>, and <c>dL/dt0 = -(dL/dy0) · f(t0, y0)</c>.
/// <para>
/// Cost grows with <c>n + m</c> (the number of sensitivity directions), so it is the method of choice for few
/// parameters and small states; memory is <c>O(n (n + m))</c>, independent of the number of steps, and there is no
/// backward pass (<see cref="GradientResult.BackwardStats"/> is zero). The sensitivities are error-controlled like the
/// state, so they are accurate to the tolerance. Works with every solver; with <see cref="Rodas5P"/> the
/// augmented Jacobian's coupling blocks (second derivatives of <c>f</c>) come from the generated
/// <see cref="IOdeSystem.JvpVjp(double, ReadOnlySpan{double}, ReadOnlySpan{double}, ReadOnlySpan{double}, ReadOnlySpan{double}, ReadOnlySpan{double}, Span{double}, Span{double}, Span{double})"/>, exactly, <c>n (n + m)</c> second-order products per Jacobian (a hand-written
/// system without them gets central differences of the JVP), so it suits small stiff systems.
/// </para>
/// </summary>
public sealed class ForwardSensitivity : SensitivityMethod
{
    /// <inheritdoc />
    public override string Name => "ForwardSensitivity";

    internal override GradientResult Compute<TSystem>(GradientProblem<TSystem> problem)
    {
        int n = problem.N, m = problem.M, count = problem.K;
        var result = new GradientResult(n, m, count);
        var rhs = new ForwardSensitivityRightHandSide<TSystem>(problem.System, problem.P);
        var u0 = new double[rhs.Size];
        problem.Y0.CopyTo(u0, 0);
        for (int j = 0; j < n; j++) u0[n * (1 + j) + j] = 1.0; // ∂y/∂y0 = I at t0

        OdeSolution solution;
        try
        {
            solution = Passes.Any(problem.Solver, ref rhs, u0, problem.T0, problem.TN, problem.ForwardOptions(problem.Times, dense: false));
        }
        catch (OdeSolverException e)
        {
            throw Passes.Label(e, Name, "forward");
        }
        result.ForwardStats = solution.Stats;
        for (int k = 0; k < count; k++) solution.State(k).Slice(0, n).CopyTo(result.StateSlot(k));
        var cotangents = new double[count * n];
        problem.ObservationCotangents(result, cotangents);

        for (int k = 0; k < count; k++)
        {
            var u = solution.State(k);
            var w = cotangents.AsSpan(k * n, n);
            for (int j = 0; j < n; j++) result.Y0[j] += GradientProblem<TSystem>.Dot(w, u.Slice(n * (1 + j), n));
            for (int q = 0; q < m; q++) result.P[q] += GradientProblem<TSystem>.Dot(w, u.Slice(n * (1 + n + q), n));
        }
        // Moving t0 by δ moves y(t) by -Φ(t, t0) f(t0, y0) δ.
        var f0 = new double[n];
        problem.System.Forward(problem.T0, problem.Y0, problem.P, f0);
        result.T0 = -GradientProblem<TSystem>.Dot(result.Y0, f0);
        return result;
    }
}
