using OdeGen;

namespace OdeGen.Solvers.Tests.Systems;

/// <summary>
/// y' = |t - c| with c = p[0]: a rate with a kink at t = c, smooth (a polynomial) on either side, so
/// y(t) is the piecewise quadratic <see cref="Exact"/>.
/// </summary>
public readonly struct KinkedRate : IOdeSystem
{
    private static readonly SparsityPattern Pattern = SparsityPattern.FromRows(1, new int[0]);

    public int StateSize => 1;

    public int ParameterSize => 1;

    public SparsityPattern JacobianYSparsity => Pattern;

    /// <summary>y(t) from y(0) = 0: the integral of |s - c| from 0 to t.</summary>
    public static double Exact(double t, double c) => t <= c ? c * t - t * t / 2 : c * c / 2 + (t - c) * (t - c) / 2;

    public void Forward(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> p, Span<double> dy)
    {
        dy[0] = Math.Abs(t - p[0]);
    }

    public void JacobianY(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> p, Span<double> jac)
    {
        jac[0] = 0;
    }

    public void JacobianP(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> p, Span<double> jac)
    {
        jac[0] = t >= p[0] ? -1 : 1;
    }

    public void TimeDerivative(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> p, Span<double> dfdt)
    {
        // One-sided at the kink, as a step forwards from it sees the rate.
        dfdt[0] = t >= p[0] ? 1 : -1;
    }

    public void Jvp(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> p, ReadOnlySpan<double> vy, ReadOnlySpan<double> vp,
        double vt, Span<double> dy, Span<double> jv)
        => Derivatives.Jvp(this, t, y, p, vy, vp, vt, dy, jv);

    public double Vjp(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> p, ReadOnlySpan<double> w, Span<double> dy,
        Span<double> wJy, Span<double> wJp)
        => Derivatives.Vjp(this, t, y, p, w, dy, wJy, wJp);
}
