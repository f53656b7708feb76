using OdeGen;

namespace OdeGen.Solvers.Tests.Systems;

/// <summary>Damped rotation plus a forced component, with exact solution (see <see cref="Exact"/>): y0' = -a y0 - w y1, y1' = w y0 - a y1, y2' = c cos t; p = [a, w, c].</summary>
public readonly struct LinearSystem : IOdeSystem
{
    private static readonly SparsityPattern Pattern = SparsityPattern.FromRows(3, [0, 1], [0, 1], []);

    public int StateSize => 3;

    public int ParameterSize => 3;

    public SparsityPattern JacobianYSparsity => Pattern;

    public void Forward(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> p, Span<double> dy)
    {
        dy[0] = -p[0] * y[0] - p[1] * y[1];
        dy[1] = p[1] * y[0] - p[0] * y[1];
        dy[2] = p[2] * Math.Cos(t);
    }

    public void JacobianY(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> p, Span<double> jac)
    {
        jac.Clear();
        jac[0] = -p[0]; jac[1] = -p[1];
        jac[3] = p[1]; jac[4] = -p[0];
    }

    public void JacobianP(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> p, Span<double> jac)
    {
        jac.Clear();
        jac[0] = -y[0]; jac[1] = -y[1];
        jac[3] = -y[1]; jac[4] = y[0];
        jac[8] = Math.Cos(t);
    }

    public void TimeDerivative(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> p, Span<double> dfdt)
    {
        dfdt[0] = 0;
        dfdt[1] = 0;
        dfdt[2] = -p[2] * Math.Sin(t);
    }

    /// <summary>The exact solution at <paramref name="t"/> from <paramref name="y0"/> at time 0.</summary>
    public static void Exact(double t, ReadOnlySpan<double> y0, ReadOnlySpan<double> p, Span<double> y)
    {
        double decay = Math.Exp(-p[0] * t), c = Math.Cos(p[1] * t), s = Math.Sin(p[1] * t);
        y[0] = decay * (y0[0] * c - y0[1] * s);
        y[1] = decay * (y0[0] * s + y0[1] * c);
        y[2] = y0[2] + p[2] * Math.Sin(t);
    }

    public void Jvp(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> p, ReadOnlySpan<double> vy, ReadOnlySpan<double> vp,
        double vt, Span<double> dy, Span<double> jv)
        => Derivatives.Jvp(this, t, y, p, vy, vp, vt, dy, jv);

    public double Vjp(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> p, ReadOnlySpan<double> w, Span<double> dy,
        Span<double> wJy, Span<double> wJp)
        => Derivatives.Vjp(this, t, y, p, w, dy, wJy, wJp);
}
