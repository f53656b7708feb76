using System;
using System.Diagnostics;
using System.IO;
using System.Linq;

namespace OdeGen.Benchmarks;

/// <summary>
/// A gradient across a relaxation jump: van der Pol with mu = 1000 from y0 = (2, 0), observed at t = 900 and 1000,
/// after the jump near t = 807; L = Σ_k |y(t_k)|², dL/dmu through Rodas5P by every method that accepts it, at rtol =
/// atol = 1e-6 … 1e-10, each with its error against central differences and its time. The reference is printed
/// first: central differences with h = 0.1 and 0.01 of Rodas5P solves at rtol = atol = 1e-12.
/// </summary>
public static class StiffFront
{
    private static readonly double[] Times = [900, 1000];

    public static void Run(TextWriter output, int repeats)
    {
        var system = new OdeGen.Tests.Corpus.VanDerPol.RhsSystem();
        double Loss(double mu)
        {
            var solution = Ode.Solve(system, [2.0, 0.0], [mu], 0.0, Times[^1], new Rodas5P(),
                new SolverOptions { RelTol = 1e-12, AbsTol = 1e-12, SaveAt = Times, MaxSteps = 10_000_000 });
            double loss = 0;
            for (int k = 0; k < Times.Length; k++)
                foreach (double v in solution.State(k)) loss += v * v;
            return loss;
        }
        double Central(double h) => (Loss(1000 + h) - Loss(1000 - h)) / (2 * h);
        double reference = Central(0.01);
        output.WriteLine(FormattableString.Invariant($"reference dL/dmu: {reference:R} (h = 0.01), {Central(0.1):R} (h = 0.1)"));

        GradientResult Gradient(SensitivityMethod method, double tol)
            => Sensitivity.Gradient(system, [2.0, 0.0], [1000.0], 0.0, Times,
                (int k, double t, ReadOnlySpan<double> y, Span<double> dLdy) =>
                {
                    for (int i = 0; i < y.Length; i++) dLdy[i] = 2 * y[i];
                },
                method, new Rodas5P(), new SolverOptions { RelTol = tol, AbsTol = tol, MaxSteps = 10_000_000 });
        (string Label, Func<double, SensitivityMethod> Make)[] methods =
        [
            ("InterpolatingAdjoint", _ => new InterpolatingAdjoint()),
            ("InterpolatingAdjoint, no stops", _ => new InterpolatingAdjoint { StopAtForwardSteps = false }),
            ("InterpolatingAdjoint, backward tol/100", tol => new InterpolatingAdjoint { RelTol = tol / 100, AbsTol = tol / 100 }),
            ("DiscreteAdjoint", _ => new DiscreteAdjoint()),
            ("ForwardSensitivity", _ => new ForwardSensitivity()),
        ];
        var warm = Stopwatch.StartNew();
        while (warm.Elapsed.TotalSeconds < 3)
            foreach (var (_, make) in methods) Gradient(make(1e-7), 1e-7);
        output.WriteLine("| rtol | method | dL/dmu | error (relative) | forward + backward steps | time ms |");
        output.WriteLine("|---:|---|---:|---:|---:|---:|");
        foreach (double tol in new[] { 1e-6, 1e-7, 1e-8, 1e-9, 1e-10 })
            foreach (var (label, make) in methods)
            {
                var method = make(tol);
                var g = Gradient(method, tol);
                var clock = Stopwatch.StartNew();
                for (int i = 0; i < repeats; i++) Gradient(method, tol);
                double ms = clock.Elapsed.TotalMilliseconds / repeats;
                output.WriteLine(FormattableString.Invariant(
                    $"| {tol:0e0} | {label} | {g.P[0]:E5} | {Math.Abs(g.P[0] - reference) / Math.Abs(reference):E1} | {g.ForwardStats.AcceptedSteps} + {g.BackwardStats.AcceptedSteps} | {ms:F2} |"));
            }
    }
}
