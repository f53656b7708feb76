using OdeGen;

namespace OdeGen.Solvers.Tests.Systems;

/// <summary>Two-variable Brusselator (HNW I, Sect. I.16); p = [A, B].</summary>
public readonly struct Brusselator : IOdeSystem
{
    private static readonly SparsityPattern Pattern = SparsityPattern.FromRows(2, [0, 1], [0, 1]);

    public int StateSize => 2;

    public int ParameterSize => 2;

    public SparsityPattern JacobianYSparsity => Pattern;

    public void Forward(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> p, Span<double> dy)
    {
        dy[0] = p[0] + y[0] * y[0] * y[1] - (p[1] + 1) * y[0];
        dy[1] = p[1] * y[0] - y[0] * y[0] * y[1];
    }

    public void JacobianY(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> p, Span<double> jac)
    {
        jac[0] = 2 * y[0] * y[1] - (p[1] + 1); jac[1] = y[0] * y[0];
        jac[2] = p[1] - 2 * y[0] * y[1]; jac[3] = -y[0] * y[0];
    }

    public void JacobianP(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> p, Span<double> jac)
    {
        jac[0] = 1; jac[1] = -y[0];
        jac[2] = 0; jac[3] = y[0];
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
