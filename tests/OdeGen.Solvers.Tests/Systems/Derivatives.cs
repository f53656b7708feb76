using OdeGen;

namespace OdeGen.Solvers.Tests.Systems;

/// <summary>
/// Jacobian-vector and vector-Jacobian products assembled from a system's hand-derived dense Jacobians, so that
/// the test systems' Jvp/Vjp are exactly consistent with JacobianY/JacobianP/TimeDerivative.
/// </summary>
internal static class Derivatives
{
    public static void Jvp<T>(in T system, double t, ReadOnlySpan<double> y, ReadOnlySpan<double> p,
        ReadOnlySpan<double> vy, ReadOnlySpan<double> vp, double vt, Span<double> dy, Span<double> jv)
        where T : IOdeSystem
    {
        int n = system.StateSize, m = system.ParameterSize;
        Span<double> jy = stackalloc double[n * n];
        Span<double> jp = stackalloc double[Math.Max(1, n * m)];
        Span<double> ft = stackalloc double[n];
        system.JacobianY(t, y, p, jy);
        if (m > 0) system.JacobianP(t, y, p, jp);
        system.TimeDerivative(t, y, p, ft);
        for (int i = 0; i < n; i++)
        {
            double s = ft[i] * vt;
            for (int j = 0; j < n; j++) s += jy[i * n + j] * vy[j];
            for (int j = 0; j < m; j++) s += jp[i * m + j] * vp[j];
            jv[i] = s;
        }
        if (!dy.IsEmpty) system.Forward(t, y, p, dy);
    }

    public static double Vjp<T>(in T system, double t, ReadOnlySpan<double> y, ReadOnlySpan<double> p,
        ReadOnlySpan<double> w, Span<double> dy, Span<double> wJy, Span<double> wJp)
        where T : IOdeSystem
    {
        int n = system.StateSize, m = system.ParameterSize;
        Span<double> jy = stackalloc double[n * n];
        Span<double> jp = stackalloc double[Math.Max(1, n * m)];
        Span<double> ft = stackalloc double[n];
        system.JacobianY(t, y, p, jy);
        if (m > 0) system.JacobianP(t, y, p, jp);
        system.TimeDerivative(t, y, p, ft);
        double wt = 0;
        for (int j = 0; j < n; j++)
        {
            double s = 0;
            for (int i = 0; i < n; i++) s += w[i] * jy[i * n + j];
            wJy[j] = s;
        }
        for (int j = 0; j < m; j++)
        {
            double s = 0;
            for (int i = 0; i < n; i++) s += w[i] * jp[i * m + j];
            wJp[j] = s;
        }
        for (int i = 0; i < n; i++) wt += w[i] * ft[i];
        if (!dy.IsEmpty) system.Forward(t, y, p, dy);
        return wt;
    }
}
