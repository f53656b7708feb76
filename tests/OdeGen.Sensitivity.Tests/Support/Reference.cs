namespace OdeGen.SensitivityTests.Support;

/// <summary>A gradient as four blocks (dL/dy0, dL/dp, dL/dt0, dL/dt_k), from a method or from finite differences.</summary>
public sealed record Reference(double[] Y0, double[] P, double T0, double[] Times)
{
    public static Reference From(GradientResult g) => new(g.Y0, g.P, g.T0, g.Times);

    /// <summary>
    /// Central differences of order 4, <c>(L(x-2h) - 8L(x-h) + 8L(x+h) - L(x+2h)) / 12h</c>, of a loss solved at a far
    /// tighter tolerance than the methods under test; <c>h</c> is <paramref name="relativeStep"/> times the entry's
    /// magnitude (or times the observation spacing for times).
    /// </summary>
    public static Reference FiniteDifferences<TSystem>(TSystem system, double[] y0, double[] p, double t0, double[] times,
        IOdeSolver solver, double tol, double relativeStep, double? forwardStepAtZero = null)
        where TSystem : IOdeSystem
    {
        double L(double[] y, double[] q, double s, double[] ts) => SumOfSquares.Loss(system, y, q, s, ts, solver, tol);
        double Central(Func<double, double> f, double h) => (f(-2 * h) - 8 * f(-h) + 8 * f(h) - f(2 * h)) / (12 * h);
        // Fourth-order one-sided differences, for initial values that must not go negative (concentrations).
        double Forward(Func<double, double> f, double h)
            => (-25 * f(0) + 48 * f(h) - 36 * f(2 * h) + 16 * f(3 * h) - 3 * f(4 * h)) / (12 * h);
        double[] With(double[] x, int i, double d) { var c = (double[])x.Clone(); c[i] += d; return c; }
        double Step(double x) => relativeStep * (x != 0 ? Math.Abs(x) : 1.0);

        var gy = new double[y0.Length];
        for (int i = 0; i < y0.Length; i++)
            gy[i] = y0[i] == 0 && forwardStepAtZero is { } h0
                ? Forward(d => L(With(y0, i, d), p, t0, times), h0)
                : Central(d => L(With(y0, i, d), p, t0, times), Step(y0[i]));
        var gp = new double[p.Length];
        for (int i = 0; i < p.Length; i++) gp[i] = Central(d => L(y0, With(p, i, d), t0, times), Step(p[i]));
        double spacing = times[0] > t0 ? times[0] - t0 : 1.0;
        for (int k = 1; k < times.Length; k++) spacing = Math.Min(spacing, times[k] - times[k - 1]);
        double ht = relativeStep * spacing;
        double gt0 = Central(d => L(y0, p, t0 + d, times), ht);
        var gt = new double[times.Length];
        for (int k = 0; k < times.Length; k++) gt[k] = Central(d => L(y0, p, t0, With(times, k, d)), ht);
        return new Reference(gy, gp, gt0, gt);
    }

    /// <summary>
    /// Largest relative difference over all entries, each relative to <c>max(|reference entry|, 1e-3 · largest
    /// reference entry)</c> so that entries near zero are judged on the gradient's scale.
    /// </summary>
    public double RelativeError(Reference reference, out string worst)
    {
        var mine = Flatten();
        var theirs = reference.Flatten();
        double scale = theirs.Max(e => Math.Abs(e.Value));
        double max = 0;
        worst = "";
        for (int i = 0; i < mine.Length; i++)
        {
            double err = Math.Abs(mine[i].Value - theirs[i].Value) / Math.Max(Math.Abs(theirs[i].Value), 1e-3 * scale);
            if (err >= max)
            {
                max = err;
                worst = $"{mine[i].Name}: {mine[i].Value:R} vs {theirs[i].Value:R}";
            }
        }
        return max;
    }

    private (string Name, double Value)[] Flatten()
        => Y0.Select((v, i) => ($"dL/dy0[{i}]", v))
            .Concat(P.Select((v, i) => ($"dL/dp[{i}]", v)))
            .Append(("dL/dt0", T0))
            .Concat(Times.Select((v, i) => ($"dL/dt_{i}", v)))
            .ToArray();
}
