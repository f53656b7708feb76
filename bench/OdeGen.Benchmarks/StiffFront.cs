using System;
using System.Diagnostics;
using System.IO;
using System.Linq;

namespace OdeGen.Benchmarks;

/// <summary>
/// Gradients across steep fronts, through Rodas5P by every method that accepts them, at rtol = atol = 1e-6 … 1e-10,
/// each with its error against central differences and its time; L = Σ_k |y(t_k)|². <c>vdp</c>: van der Pol with
/// mu = 1000 from y0 = (2, 0), observed at t = 900 and 1000, after the jump near t = 807, dL/dmu. <c>orego</c>: the
/// Oregonator of the stiff test set (HNW II, Sect. IV.1) from (1, 2, 3), observed at t = 330 and 360, after its
/// second spike (near t = 325), dL/dp for its three constants, the error the largest relative one. The reference is printed first:
/// central differences of Rodas5P solves at rtol = atol = 1e-12 with steps of 1e-5 and 1e-4 relative, extrapolated.
/// </summary>
public static class StiffFront
{
    public static void Run(TextWriter output, string problem, int repeats)
    {
        if (problem == "orego")
            Run(output, repeats, new OdeGen.Tests.Corpus.Oregonator.RhsSystem(), [1.0, 2.0, 3.0], [77.27, 0.161, 8.375e-6], [330.0, 360.0], 1e-12);
        else
            Run(output, repeats, new OdeGen.Tests.Corpus.VanDerPol.RhsSystem(), [2.0, 0.0], [1000.0], [900.0, 1000.0], 1e-12);
    }

    private static void Run<TSystem>(TextWriter output, int repeats, TSystem system, double[] y0, double[] p, double[] times, double referenceTol)
        where TSystem : IOdeSystem
    {
        double Loss(double[] q)
        {
            var solution = Ode.Solve(system, y0, q, 0.0, times[^1], new Rodas5P(),
                new SolverOptions { RelTol = referenceTol, AbsTol = referenceTol, SaveAt = times, MaxSteps = 10_000_000 });
            double loss = 0;
            for (int k = 0; k < times.Length; k++)
                foreach (double v in solution.State(k)) loss += v * v;
            return loss;
        }
        double Central(int q, double relativeStep)
        {
            double h = relativeStep * Math.Abs(p[q]);
            var plus = (double[])p.Clone();
            var minus = (double[])p.Clone();
            plus[q] += h;
            minus[q] -= h;
            return (Loss(plus) - Loss(minus)) / (2 * h);
        }
        // Central differences err by c h², so D(h) and D(10 h) extrapolate to D(h) + (D(h) - D(10 h)) / 99 (Richardson).
        var reference = new double[p.Length];
        for (int q = 0; q < p.Length; q++)
        {
            double fine = Central(q, 1e-5), coarse = Central(q, 1e-4);
            reference[q] = fine + (fine - coarse) / 99;
            output.WriteLine(FormattableString.Invariant(
                $"reference dL/dp[{q}]: {reference[q]:R} extrapolated from {fine:R} (h = 1e-5 |p|) and {coarse:R} (h = 1e-4 |p|)"));
        }

        GradientResult Gradient(SensitivityMethod method, double tol)
            => Sensitivity.Gradient(system, y0, p, 0.0, times,
                (int k, double t, ReadOnlySpan<double> y, Span<double> dLdy) =>
                {
                    for (int i = 0; i < y.Length; i++) dLdy[i] = 2 * y[i];
                },
                method, new Rodas5P(), new SolverOptions { RelTol = tol, AbsTol = tol, MaxSteps = 10_000_000 });
        double Error(GradientResult g) => Enumerable.Range(0, p.Length).Max(q => Math.Abs(g.P[q] - reference[q]) / Math.Abs(reference[q]));
        (string Label, Func<double, SensitivityMethod> Make)[] methods =
        [
            ("InterpolatingAdjoint", _ => new InterpolatingAdjoint()),
            ("InterpolatingAdjoint, no stops", _ => new InterpolatingAdjoint { StopAtForwardSteps = false }),
            ("InterpolatingAdjoint, backward tol/100", tol => new InterpolatingAdjoint { RelTol = tol / 100, AbsTol = tol / 100 }),
            ("DiscreteAdjoint", _ => new DiscreteAdjoint()),
            ("DiscreteAdjoint, steps for y alone", _ => new DiscreteAdjoint { ControlSensitivityError = false }),
            ("ForwardSensitivity", _ => new ForwardSensitivity()),
        ];
        var warm = Stopwatch.StartNew();
        while (warm.Elapsed.TotalSeconds < 3)
            foreach (var (_, make) in methods) Gradient(make(1e-7), 1e-7);
        output.WriteLine("| rtol | method | dL/dp[0] | error (relative) | forward + backward steps | time ms |");
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
                    $"| {tol:0e0} | {label} | {g.P[0]:E5} | {Error(g):E1} | {g.ForwardStats.AcceptedSteps} + {g.BackwardStats.AcceptedSteps} | {ms:F2} |"));
            }
    }
}
