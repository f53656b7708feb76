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

/// <summary>
/// A stiff adjoint gradient with many observations, OdeGen's side of bench/stiff/robertson_cvodes.c (the same problem
/// with CVODES): Robertson from y0 = (1, 0, 0) with p = (0.04, 3e7, 1e4), L = Σ_k |y(t_k)|² over 50 log-spaced times
/// from 0.4 to 4000, dL/dp and dL/dy0 through Rodas5P by the interpolating adjoint, the discrete adjoint and forward
/// sensitivity, at rtol 1e-4 … 1e-10 with atol = 1e-6 rtol (as the C program). The reference is forward sensitivity
/// at rtol 1e-12, atol 1e-18; it is printed first, in the form the C program takes on its command line.
/// </summary>
public static class StiffAdjoint
{
    private static readonly double[] Y0 = [1.0, 0.0, 0.0];
    private static readonly double[] P = [0.04, 3e7, 1e4];

    public static void Run(TextWriter output, int repeats)
    {
        var times = Enumerable.Range(0, 50).Select(k => 0.4 * Math.Pow(10, 4.0 * k / 49)).ToArray();
        var reference = Gradient(new ForwardSensitivity(), times, 1e-12, 1e-18);
        var referenceValues = reference.P.Concat(reference.Y0).ToArray();
        // Warm-up: every configuration a few times, so that tiered compilation has optimized the code before the timing.
        var clockWarm = Stopwatch.StartNew();
        while (clockWarm.Elapsed.TotalSeconds < 3)
            foreach (double rtol in new[] { 1e-4, 1e-7, 1e-10 })
                foreach (var method in new SensitivityMethod[] { new InterpolatingAdjoint(), new DiscreteAdjoint(), new ForwardSensitivity() })
                    Gradient(method, times, rtol, 1e-6 * rtol);
        output.WriteLine("reference (ForwardSensitivity, rtol 1e-12): " + string.Join(" ", referenceValues.Select(v => v.ToString("R", System.Globalization.CultureInfo.InvariantCulture))));
        foreach (double rtol in new[] { 1e-4, 1e-5, 1e-6, 1e-7, 1e-8, 1e-9, 1e-10 })
        {
            foreach (var method in new SensitivityMethod[] { new InterpolatingAdjoint(), new DiscreteAdjoint(), new ForwardSensitivity() })
            {
                var g = Gradient(method, times, rtol, 1e-6 * rtol);
                var clock = Stopwatch.StartNew();
                for (int i = 0; i < repeats; i++) g = Gradient(method, times, rtol, 1e-6 * rtol);
                double microseconds = clock.Elapsed.TotalMilliseconds * 1000 / repeats;
                var values = g.P.Concat(g.Y0).ToArray();
                double worst = values.Zip(referenceValues, (v, r) => Math.Abs(v - r) / Math.Abs(r)).Max();
                output.WriteLine(FormattableString.Invariant(
                    $"odegen {method.Name} rtol {rtol:0e0}: {microseconds:F1} us per gradient, {g.ForwardStats.AcceptedSteps} forward + {g.BackwardStats.AcceptedSteps} backward steps, max relative error {worst:E2}"));
            }
        }
    }

    private static GradientResult Gradient(SensitivityMethod method, double[] times, double rtol, double atol)
        => Sensitivity.Gradient(new StiffAdjointRobertson.RhsSystem(), Y0, P, 0.0, times,
            (int k, double t, ReadOnlySpan<double> y, Span<double> dLdy) =>
            {
                for (int i = 0; i < y.Length; i++) dLdy[i] = 2 * y[i];
            },
            method, new Rodas5P(), new SolverOptions { RelTol = rtol, AbsTol = atol, MaxSteps = 1_000_000 });
}
