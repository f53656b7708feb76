using System;

namespace OdeGen;

/// <summary>Evaluates one step's interpolant from its coefficient vectors (stored contiguously, <c>m</c> vectors of length <c>n</c>).</summary>
internal static class DenseOutput
{
    /// <summary>
    /// <c>y(t0 + θ h)</c> from coefficients <paramref name="coefficients"/> (<paramref name="m"/> vectors of length <c>y.Length</c>).
    /// </summary>
    public static void Evaluate(DenseForm form, ReadOnlySpan<double> coefficients, int m, double theta, Span<double> y)
    {
        int n = y.Length;
        double s1 = 1.0 - theta;
        if (form == DenseForm.Power)
        {
            for (int i = 0; i < n; i++)
            {
                double r = coefficients[(m - 1) * n + i];
                for (int j = m - 2; j >= 0; j--) r = coefficients[j * n + i] + theta * r;
                y[i] = r;
            }
            return;
        }
        for (int i = 0; i < n; i++)
        {
            double r = coefficients[(m - 1) * n + i];
            // Factor after c_j (1-based) is θ for odd j and (1-θ) for even j.
            for (int j = m - 2; j >= 0; j--) r = coefficients[j * n + i] + ((j & 1) == 0 ? theta : s1) * r;
            y[i] = r;
        }
    }

    /// <summary>Writes the four cubic-Hermite coefficient vectors of the nested form (HNW I, Sect. II.6, eq. (6.7)).</summary>
    public static void Hermite(ReadOnlySpan<double> y0, ReadOnlySpan<double> y1, ReadOnlySpan<double> f0, ReadOnlySpan<double> f1,
        double h, Span<double> coefficients)
    {
        int n = y0.Length;
        for (int i = 0; i < n; i++)
        {
            double ydiff = y1[i] - y0[i];
            double bspl = h * f0[i] - ydiff;
            coefficients[i] = y0[i];
            coefficients[n + i] = ydiff;
            coefficients[2 * n + i] = bspl;
            coefficients[3 * n + i] = ydiff - h * f1[i] - bspl;
        }
    }
}
