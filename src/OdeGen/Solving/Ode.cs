using System;
using System.Collections.Generic;

namespace OdeGen;

/// <summary>Entry point for solving initial value problems <c>dy/dt = f(t, y, p)</c>, <c>y(t0) = y0</c>.</summary>
public static class Ode
{
    /// <summary>Solves from <paramref name="t0"/> to <paramref name="t1"/> with <see cref="Dopri5"/>.</summary>
    /// <exception cref="ArgumentException">wrong span lengths, non-finite inputs, non-positive tolerances, unsorted <see cref="SolverOptions.SaveAt"/>.</exception>
    /// <exception cref="OdeSolverException">the solver could not reach <paramref name="t1"/>.</exception>
    public static OdeSolution Solve<TSystem>(TSystem system, ReadOnlySpan<double> y0, ReadOnlySpan<double> p,
        double t0, double t1, SolverOptions? options = null)
        where TSystem : IOdeSystem
        => Solve(system, y0, p, t0, t1, new Dopri5(), options);

    /// <summary>
    /// Solves from <paramref name="t0"/> to <paramref name="t1"/> (backwards when <c>t1 &lt; t0</c>) with
    /// <paramref name="solver"/>. Generic over the system so the JIT specializes the solver for it.
    /// </summary>
    /// <exception cref="ArgumentException">wrong span lengths, non-finite inputs, non-positive tolerances, unsorted <see cref="SolverOptions.SaveAt"/>.</exception>
    /// <exception cref="OdeSolverException">the solver could not reach <paramref name="t1"/>.</exception>
    public static OdeSolution Solve<TSystem>(TSystem system, ReadOnlySpan<double> y0, ReadOnlySpan<double> p,
        double t0, double t1, IOdeSolver solver, SolverOptions? options = null)
        where TSystem : IOdeSystem
    {
        if (system is null) throw new ArgumentNullException(nameof(system));
        ArgumentNullException.ThrowIfNull(solver);
        options ??= new SolverOptions();
        Validate(system.StateSize, system.ParameterSize, y0, p, t0, t1, options);
        return solver.Solve(system, y0, p.ToArray(), t0, t1, options);
    }

    /// <summary>
    /// The smallest relative tolerance accepted, about 4.5 units of double rounding (ε = 2.2e-16): below it a step's
    /// error estimate is dominated by the rounding of the step itself, so no step passes and the solver shrinks the
    /// step until it fails (Hairer's radau5.f refuses rtol ≤ 10 uround for the same reason).
    /// </summary>
    internal const double SmallestRelTol = 1e-15;

    internal static string TooSmallRelTol(string name, double value) =>
        $"{name} is {value}; below {SmallestRelTol} no step can meet it in double precision (rounding alone is about 2.2E-16 relative), so the solve could only fail. Use {SmallestRelTol} or more (1e-12 to 1e-14 for reference solutions).";

    internal static void Validate(int stateSize, int parameterSize, ReadOnlySpan<double> y0, ReadOnlySpan<double> p,
        double t0, double t1, SolverOptions options)
    {
        if (y0.Length != stateSize)
            throw new ArgumentException($"y0 has length {y0.Length}, but the system's StateSize is {stateSize}.", nameof(y0));
        if (p.Length != parameterSize)
            throw new ArgumentException($"p has length {p.Length}, but the system's ParameterSize is {parameterSize}.", nameof(p));
        for (int i = 0; i < y0.Length; i++)
            if (!double.IsFinite(y0[i])) throw new ArgumentException($"y0[{i}] is {y0[i]}; initial values must be finite.", nameof(y0));
        for (int i = 0; i < p.Length; i++)
            if (!double.IsFinite(p[i])) throw new ArgumentException($"p[{i}] is {p[i]}; parameters must be finite.", nameof(p));
        if (!double.IsFinite(t0)) throw new ArgumentException($"t0 is {t0}; it must be finite.", nameof(t0));
        if (!double.IsFinite(t1)) throw new ArgumentException($"t1 is {t1}; it must be finite.", nameof(t1));
        if (!(options.RelTol > 0) || !double.IsFinite(options.RelTol))
            throw new ArgumentException($"RelTol is {options.RelTol}; it must be positive and finite.", "options.RelTol");
        if (options.RelTol < SmallestRelTol)
            throw new ArgumentException(TooSmallRelTol("RelTol", options.RelTol), "options.RelTol");
        if (!(options.AbsTol > 0) || !double.IsFinite(options.AbsTol))
            throw new ArgumentException($"AbsTol is {options.AbsTol}; it must be positive and finite.", "options.AbsTol");
        if (options.FixedStep is { } fs && (!(fs > 0) || !double.IsFinite(fs)))
            throw new ArgumentException($"FixedStep is {fs}; it must be positive and finite.", "options.FixedStep");
        if (options.InitialStep is { } h0 && (!(h0 > 0) || !double.IsFinite(h0)))
            throw new ArgumentException($"InitialStep is {h0}; it must be positive and finite.", "options.InitialStep");
        if (options.MaxStep is { } hm && (!(hm > 0) || double.IsNaN(hm)))
            throw new ArgumentException($"MaxStep is {hm}; it must be positive.", "options.MaxStep");
        if (options.MaxSteps < 1)
            throw new ArgumentException($"MaxSteps is {options.MaxSteps}; it must be at least 1.", "options.MaxSteps");
        CheckSorted(options.StepStops, "StepStops", t0, t1);
        CheckSorted(options.SaveAt, "SaveAt", t0, t1);
        if (options.SaveAt is { } saveAt)
        {
            double lo = Math.Min(t0, t1), hi = Math.Max(t0, t1);
            for (int i = 0; i < saveAt.Count; i++)
                if (saveAt[i] < lo || saveAt[i] > hi)
                    throw new ArgumentException($"SaveAt[{i}] = {saveAt[i]} is outside [{lo}, {hi}].", "options.SaveAt");
        }
    }

    /// <summary>Output or stop times: finite, and sorted in the direction of integration (ties allowed).</summary>
    private static void CheckSorted(IReadOnlyList<double>? times, string name, double t0, double t1)
    {
        if (times is null) return;
        double direction = t1 >= t0 ? 1.0 : -1.0;
        for (int i = 0; i < times.Count; i++)
        {
            double s = times[i];
            if (!double.IsFinite(s))
                throw new ArgumentException($"{name}[{i}] is {s}; times must be finite.", "options." + name);
            if (i > 0 && (s - times[i - 1]) * direction < 0)
                throw new ArgumentException(
                    $"{name} must be sorted in the direction of integration ({(direction > 0 ? "ascending" : "descending")}); {name}[{i}] = {s} comes after {times[i - 1]}.",
                    "options." + name);
        }
    }
}
