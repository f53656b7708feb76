using System;

namespace OdeGen;

/// <summary>
/// Gradients of a loss through an ODE solve, with no tape: the loss is <c>L = Σ_k ℓ_k(y(t_k))</c> over observation
/// times <c>t_k</c>, and the result holds <c>dL/dy0</c>, <c>dL/dp</c>, <c>dL/dt0</c> and every <c>dL/dt_k</c>.
/// </summary>
public static class Sensitivity
{
    /// <summary>
    /// Differentiates <c>L = Σ_k ℓ_k(y(t_k))</c>, where <c>y</c> solves <c>dy/dt = f(t, y, p)</c>, <c>y(t0) = y0</c>, with
    /// <paramref name="method"/> over <paramref name="solver"/>. Generic over the system so the JIT specializes the
    /// augmented right-hand sides for it.
    /// </summary>
    /// <param name="system">the generated system.</param>
    /// <param name="y0">initial state.</param>
    /// <param name="p">parameters.</param>
    /// <param name="t0">start time.</param>
    /// <param name="times">observation times: strictly increasing, the first at or after <paramref name="t0"/>.</param>
    /// <param name="dLdy">gives <c>dL/dy(t_k)</c>; called once per observation.</param>
    /// <param name="method">the sensitivity method.</param>
    /// <param name="solver">the solver for the forward (and, for continuous adjoints, the backward) pass.</param>
    /// <param name="options">tolerances and limits; <see cref="SolverOptions.SaveAt"/> must be null (the observation times are the output).</param>
    /// <exception cref="ArgumentException">wrong lengths, non-finite inputs, observation times not increasing or before
    /// <paramref name="t0"/>, a callback that writes outside or non-finite values into <c>dLdy</c>.</exception>
    /// <exception cref="NotSupportedException">a method/solver pair that is not supported (e.g. <see cref="BacksolveAdjoint"/> with <see cref="Rodas5P"/>).</exception>
    /// <exception cref="OdeSolverException">the forward or the backward solve failed; the message names the pass.</exception>
    public static GradientResult Gradient<TSystem>(TSystem system, ReadOnlySpan<double> y0, ReadOnlySpan<double> p, double t0,
        ReadOnlySpan<double> times, LossGradient dLdy, SensitivityMethod method, IOdeSolver solver, SolverOptions? options = null)
        where TSystem : IOdeSystem
    {
        if (system is null) throw new ArgumentNullException(nameof(system));
        ArgumentNullException.ThrowIfNull(dLdy);
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(solver);
        options ??= new SolverOptions();
        if (options.SaveAt is not null)
            throw new ArgumentException("SaveAt must be null: the observation times are the output of a gradient call.", "options.SaveAt");
        if (times.Length == 0) throw new ArgumentException("At least one observation time is needed.", nameof(times));
        for (int k = 0; k < times.Length; k++)
        {
            if (!double.IsFinite(times[k])) throw new ArgumentException($"times[{k}] is {times[k]}; observation times must be finite.", nameof(times));
            if (k == 0 && times[0] < t0)
                throw new ArgumentException($"times[0] = {times[0]} is before t0 = {t0}; observation times must be at or after t0.", nameof(times));
            if (k > 0 && !(times[k] > times[k - 1]))
                throw new ArgumentException($"Observation times must be strictly increasing: times[{k}] = {times[k]} follows times[{k - 1}] = {times[k - 1]}.", nameof(times));
        }
        Ode.Validate(system.StateSize, system.ParameterSize, y0, p, t0, times[^1], options);
        if (method is ContinuousAdjoint adjoint)
        {
            if (adjoint.RelTol is { } r && (!(r > 0) || !double.IsFinite(r)))
                throw new ArgumentException($"RelTol of the backward pass is {r}; it must be positive and finite.", nameof(method));
            if (adjoint.RelTol is { } small && small < Ode.SmallestRelTol)
                throw new ArgumentException(Ode.TooSmallRelTol("RelTol of the backward pass", small), nameof(method));
            if (adjoint.AbsTol is { } a && (!(a > 0) || !double.IsFinite(a)))
                throw new ArgumentException($"AbsTol of the backward pass is {a}; it must be positive and finite.", nameof(method));
        }
        var problem = new GradientProblem<TSystem>(system, y0.ToArray(), p.ToArray(), t0, times.ToArray(), dLdy, solver, options);
        var result = method.Compute(problem);
        NonFiniteGradient.ThrowIfAny(result, method.Name, t0, times);
        return result;
    }
}
