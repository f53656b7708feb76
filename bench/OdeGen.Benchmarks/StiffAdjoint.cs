using System;
using System.Diagnostics;
using System.IO;
using System.Linq;

namespace OdeGen.Benchmarks;

/// <summary>Robertson's reactions (HNW II, Sect. IV.1) as a generated system, p = [k1, k2, k3].</summary>
public static partial class StiffAdjointRobertson
{
    [OdeDynamics]
    public static void Rhs(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> p, Span<double> dy)
    {
        double r1 = p[0] * y[0], r2 = p[1] * y[1] * y[1], r3 = p[2] * y[1] * y[2];
        dy[0] = -r1 + r3;
        dy[1] = r1 - r2 - r3;
        dy[2] = r2;
    }
}

/// <summary>HIRES (Schäfer 1975; the Bari test set's "hires") with its twelve rate constants as p.</summary>
public static partial class StiffAdjointHires
{
    public static readonly double[] P = [1.71, 0.43, 8.32, 0.0007, 8.75, 10.03, 0.035, 1.12, 1.745, 280, 0.69, 1.81];

    [OdeDynamics]
    public static void Rhs(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> p, Span<double> dy)
    {
        double r = p[9] * y[5] * y[7];
        dy[0] = -p[0] * y[0] + p[1] * y[1] + p[2] * y[2] + p[3];
        dy[1] = p[0] * y[0] - p[4] * y[1];
        dy[2] = -p[5] * y[2] + p[1] * y[3] + p[6] * y[4];
        dy[3] = p[2] * y[1] + p[0] * y[2] - p[7] * y[3];
        dy[4] = -p[8] * y[4] + p[1] * y[5] + p[1] * y[6];
        dy[5] = -r + p[10] * y[3] + p[0] * y[4] - p[1] * y[5] + p[10] * y[6];
        dy[6] = r - p[11] * y[6];
        dy[7] = -r + p[11] * y[6];
    }
}

/// <summary>
/// A stiff adjoint gradient with many observations, OdeGen's side of bench/stiff/stiff_adjoint_cvodes.c (the same
/// problems with CVODES): Robertson from y0 = (1, 0, 0) with p = (0.04, 3e7, 1e4) over 50 log-spaced times from 0.4
/// to 4000, or HIRES from its test-set y0 with its rate constants as p over 50 log-spaced times from 1 to 321.8122;
/// L = Σ_k |y(t_k)|², dL/dp and dL/dy0 through Rodas5P by the interpolating adjoint, the discrete adjoint and forward
/// sensitivity, at rtol 1e-4 … 1e-10 with atol = 1e-6 rtol (as the C program). The reference is forward sensitivity
/// at rtol 1e-12, atol 1e-18; it is printed first, in the form the C program takes on its command line.
/// </summary>
public static class StiffAdjoint
{
    public static void Run(TextWriter output, string problem, int repeats)
    {
        if (problem == "hires") Run(output, new StiffAdjointHires.RhsSystem(), [1, 0, 0, 0, 0, 0, 0, 0.0057], StiffAdjointHires.P, 1, 321.8122, repeats);
        else Run(output, new StiffAdjointRobertson.RhsSystem(), [1.0, 0.0, 0.0], [0.04, 3e7, 1e4], 0.4, 4000, repeats);
    }

    private static void Run<TSystem>(TextWriter output, TSystem system, double[] y0, double[] p, double first, double last, int repeats)
        where TSystem : IOdeSystem
    {
        var times = Enumerable.Range(0, 50).Select(k => first * Math.Pow(last / first, k / 49.0)).ToArray();
        GradientResult Gradient(SensitivityMethod method, double rtol, double atol)
            => Sensitivity.Gradient(system, y0, p, 0.0, times,
                (int k, double t, ReadOnlySpan<double> y, Span<double> dLdy) =>
                {
                    for (int i = 0; i < y.Length; i++) dLdy[i] = 2 * y[i];
                },
                method, new Rodas5P(), new SolverOptions { RelTol = rtol, AbsTol = atol, MaxSteps = 1_000_000 });
        var reference = Gradient(new ForwardSensitivity(), 1e-12, 1e-18);
        var referenceValues = reference.P.Concat(reference.Y0).ToArray();
        // Warm-up: every configuration a few times, so that tiered compilation has optimized the code before the timing.
        var clockWarm = Stopwatch.StartNew();
        while (clockWarm.Elapsed.TotalSeconds < 3)
            foreach (double rtol in new[] { 1e-4, 1e-7, 1e-10 })
                foreach (var method in new SensitivityMethod[] { new InterpolatingAdjoint(), new DiscreteAdjoint(), new ForwardSensitivity() })
                    Gradient(method, rtol, 1e-6 * rtol);
        output.WriteLine("reference (ForwardSensitivity, rtol 1e-12): " + string.Join(" ", referenceValues.Select(v => v.ToString("R", System.Globalization.CultureInfo.InvariantCulture))));
        foreach (double rtol in new[] { 1e-4, 1e-5, 1e-6, 1e-7, 1e-8, 1e-9, 1e-10 })
        {
            foreach (var method in new SensitivityMethod[] { new InterpolatingAdjoint(), new DiscreteAdjoint(), new ForwardSensitivity() })
            {
                var g = Gradient(method, rtol, 1e-6 * rtol);
                var clock = Stopwatch.StartNew();
                for (int i = 0; i < repeats; i++) g = Gradient(method, rtol, 1e-6 * rtol);
                double microseconds = clock.Elapsed.TotalMilliseconds * 1000 / repeats;
                var values = g.P.Concat(g.Y0).ToArray();
                double worst = values.Zip(referenceValues, (v, r) => Math.Abs(v - r) / Math.Abs(r)).Max();
                output.WriteLine(FormattableString.Invariant(
                    $"odegen {method.Name} rtol {rtol:0e0}: {microseconds:F1} us per gradient, {g.ForwardStats.AcceptedSteps} forward + {g.BackwardStats.AcceptedSteps} backward steps, max relative error {worst:E2}"));
            }
        }
    }
}
