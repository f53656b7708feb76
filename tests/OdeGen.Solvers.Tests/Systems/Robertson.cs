using OdeGen;

namespace OdeGen.Solvers.Tests.Systems;

/// <summary>Robertson (1966) chemical kinetics (HNW II, Sect. IV.1); p = [k1, k2, k3].</summary>
public readonly struct Robertson : IOdeSystem
{
    private static readonly SparsityPattern Pattern = SparsityPattern.FromRows(3, [0, 1, 2], [0, 1, 2], [1]);

    public int StateSize => 3;

    public int ParameterSize => 3;

    public SparsityPattern JacobianYSparsity => Pattern;

    public void Forward(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> p, Span<double> dy)
    {
        dy[0] = -p[0] * y[0] + p[2] * y[1] * y[2];
        dy[1] = p[0] * y[0] - p[1] * y[1] * y[1] - p[2] * y[1] * y[2];
        dy[2] = p[1] * y[1] * y[1];
    }

    public void JacobianY(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> p, Span<double> jac)
    {
        jac[0] = -p[0]; jac[1] = p[2] * y[2]; jac[2] = p[2] * y[1];
        jac[3] = p[0]; jac[4] = -2 * p[1] * y[1] - p[2] * y[2]; jac[5] = -p[2] * y[1];
        jac[6] = 0; jac[7] = 2 * p[1] * y[1]; jac[8] = 0;
    }

    public void JacobianP(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> p, Span<double> jac)
    {
        jac[0] = -y[0]; jac[1] = 0; jac[2] = y[1] * y[2];
        jac[3] = y[0]; jac[4] = -y[1] * y[1]; jac[5] = -y[1] * y[2];
        jac[6] = 0; jac[7] = y[1] * y[1]; jac[8] = 0;
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
