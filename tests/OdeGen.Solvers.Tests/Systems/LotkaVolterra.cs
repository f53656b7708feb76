using OdeGen;

namespace OdeGen.Solvers.Tests.Systems;

/// <summary>Lotka–Volterra predator-prey x' = a x - b x y, y' = -c y + d x y; p = [a, b, c, d].</summary>
public readonly struct LotkaVolterra : IOdeSystem
{
    private static readonly SparsityPattern Pattern = SparsityPattern.FromRows(2, [0, 1], [0, 1]);

    public int StateSize => 2;

    public int ParameterSize => 4;

    public SparsityPattern JacobianYSparsity => Pattern;

    public void Forward(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> p, Span<double> dy)
    {
        dy[0] = p[0] * y[0] - p[1] * y[0] * y[1];
        dy[1] = -p[2] * y[1] + p[3] * y[0] * y[1];
    }

    public void JacobianY(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> p, Span<double> jac)
    {
        jac[0] = p[0] - p[1] * y[1]; jac[1] = -p[1] * y[0];
        jac[2] = p[3] * y[1]; jac[3] = -p[2] + p[3] * y[0];
    }

    public void JacobianP(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> p, Span<double> jac)
    {
        jac.Clear();
        jac[0] = y[0]; jac[1] = -y[0] * y[1];
        jac[6] = -y[1]; jac[7] = y[0] * y[1];
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
