using OdeGen;

namespace OdeGen.Solvers.Tests.Systems;

/// <summary>Unscaled Van der Pol oscillator y0' = y1, y1' = mu (1 - y0²) y1 - y0; p = [mu].</summary>
public readonly struct VanDerPol : IOdeSystem
{
    private static readonly SparsityPattern Pattern = SparsityPattern.FromRows(2, [1], [0, 1]);

    public int StateSize => 2;

    public int ParameterSize => 1;

    public SparsityPattern JacobianYSparsity => Pattern;

    public void Forward(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> p, Span<double> dy)
    {
        dy[0] = y[1];
        dy[1] = p[0] * (1 - y[0] * y[0]) * y[1] - y[0];
    }

    public void JacobianY(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> p, Span<double> jac)
    {
        jac[0] = 0; jac[1] = 1;
        jac[2] = -2 * p[0] * y[0] * y[1] - 1; jac[3] = p[0] * (1 - y[0] * y[0]);
    }

    public void JacobianP(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> p, Span<double> jac)
    {
        jac[0] = 0;
        jac[1] = (1 - y[0] * y[0]) * y[1];
    }

    public void TimeDerivative(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> p, Span<double> dfdt)
    {
        dfdt.Clear();
    }

    public void Jvp(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> p, ReadOnlySpan<double> vy, ReadOnlySpan<double> vp,
        double vt, Span<double> dy, Span<double> jv)
        => Derivatives.Jvp(this, t, y, p, vy, vp, vt, dy, jv);

    public double Vjp(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> p, ReadOnlySpan<double> w, Span<double> dy,
        Span<double> wJy, Span<double> wJp)
        => Derivatives.Vjp(this, t, y, p, w, dy, wJy, wJp);
}
