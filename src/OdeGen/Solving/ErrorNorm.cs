using System;

namespace OdeGen;

/// <summary>
/// Hairer's scaled error norm (HNW I, Sect. II.4, eq. (4.11)): the root mean square of
/// <c>err_i / (atol + rtol * max(|y0_i|, |y1_i|))</c>. A value at or below 1 means the step meets the tolerances.
/// </summary>
internal static class ErrorNorm
{
    /// <summary>The scale <c>sk_i = atol + rtol * max(|y0_i|, |y1_i|)</c> of one component.</summary>
    public static double Scale(double atol, double rtol, double y0, double y1)
        => atol + rtol * Math.Max(Math.Abs(y0), Math.Abs(y1));

    /// <summary>RMS of <c>err_i / sk_i</c>.</summary>
    public static double Rms(ReadOnlySpan<double> err, ReadOnlySpan<double> y0, ReadOnlySpan<double> y1, double atol, double rtol)
    {
        double sum = 0;
        for (int i = 0; i < err.Length; i++)
        {
            double e = err[i] / Scale(atol, rtol, y0[i], y1[i]);
            sum += e * e;
        }
        return Math.Sqrt(sum / err.Length);
    }
}
