using OdeGen;

namespace OdeGen.Solvers.Tests.Systems;

/// <summary>Lorenz (1963) system; p = [sigma, rho, beta].</summary>
public readonly struct Lorenz : IOdeSystem
{
    private static readonly SparsityPattern Pattern = SparsityPattern.FromRows(3, [0, 1], [0, 1, 2], [0, 1, 2]);

    public int StateSize => 3;

    public int ParameterSize => 3;

    public SparsityPattern JacobianYSparsity => Pattern;

    public void Forward(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> p, Span<double> dy)
    {
        dy[0] = p[0] * (y[1] - y[0]);
        dy[1] = y[0] * (p[1] - y[2]) - y[1];
        dy[2] = y[0] * y[1] - p[2] * y[2];
    }

    public void JacobianY(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> p, Span<double> jac)
    {
        jac[0] = -p[0]; jac[1] = p[0]; jac[2] = 0;
        jac[3] = p[1] - y[2]; jac[4] = -1; jac[5] = -y[0];
        jac[6] = y[1]; jac[7] = y[0]; jac[8] = -p[2];
    }

    public void JacobianP(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> p, Span<double> jac)
    {
        jac.Clear();
        jac[0] = y[1] - y[0];
        jac[4] = y[0];
        jac[8] = -y[2];
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
