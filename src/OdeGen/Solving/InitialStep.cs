using System;

namespace OdeGen;

/// <summary>
/// Hairer's starting step size (HNW I, Sect. II.4, "Starting step size", pp. 169-170; function HINIT in
/// dopri5.f / dop853.f). Costs one evaluation of the right-hand side.
/// </summary>
internal static class InitialStep
{
    /// <param name="rhs">right-hand side.</param>
    /// <param name="t0">start time.</param>
    /// <param name="y0">initial state.</param>
    /// <param name="f0"><c>f(t0, y0)</c>.</param>
    /// <param name="order">order used in <c>h1 = (0.01 / max(|f0|, |f'|))^(1/order)</c>.</param>
    /// <param name="direction">+1 or -1.</param>
    /// <param name="hMax">largest step allowed (positive).</param>
    /// <param name="atol">absolute tolerance.</param>
    /// <param name="rtol">relative tolerance.</param>
    /// <param name="y1">scratch of the state's length.</param>
    /// <param name="f1">scratch of the state's length.</param>
    public static double Hairer<TRhs>(ref TRhs rhs, double t0, ReadOnlySpan<double> y0, ReadOnlySpan<double> f0,
        int order, int direction, double hMax, double atol, double rtol, Span<double> y1, Span<double> f1)
        where TRhs : struct, IRightHandSide
    {
        int n = y0.Length;
        // (a) d0 = ||y0||, d1 = ||f0|| in the weighted norm (Hairer's code uses unnormalised sums here).
        double dnf = 0, dny = 0;
        for (int i = 0; i < n; i++)
        {
            double sk = atol + rtol * Math.Abs(y0[i]);
            dnf += (f0[i] / sk) * (f0[i] / sk);
            dny += (y0[i] / sk) * (y0[i] / sk);
        }
        // (b) h0 = 0.01 d0 / d1.
        double h = (dnf <= 1e-10 || dny <= 1e-10) ? 1e-6 : Math.Sqrt(dny / dnf) * 0.01;
        h = Math.Min(h, hMax) * direction;
        // (c) one explicit Euler step, (d) estimate of the second derivative.
        for (int i = 0; i < n; i++) y1[i] = y0[i] + h * f0[i];
        rhs.Evaluate(t0 + h, y1, f1);
        double der2 = 0;
        for (int i = 0; i < n; i++)
        {
            double sk = atol + rtol * Math.Abs(y0[i]);
            double d = (f1[i] - f0[i]) / sk;
            der2 += d * d;
        }
        der2 = Math.Sqrt(der2) / Math.Abs(h);
        // (e) h1 such that h1^order * max(d1, d2) = 0.01; (f) h = min(100 h0, h1).
        double der12 = Math.Max(Math.Abs(der2), Math.Sqrt(dnf));
        double h1 = der12 <= 1e-15 ? Math.Max(1e-6, Math.Abs(h) * 1e-3) : Math.Pow(0.01 / der12, 1.0 / order);
        double result = Math.Min(Math.Min(100 * Math.Abs(h), h1), hMax);
        if (!double.IsFinite(result) || result <= 0) result = 1e-6 * Math.Min(1.0, hMax);
        return result * direction;
    }
}
