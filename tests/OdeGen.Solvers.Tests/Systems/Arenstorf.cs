using OdeGen;

namespace OdeGen.Solvers.Tests.Systems;

/// <summary>Restricted three-body problem (HNW I, Sect. II.0, eq. (0.1)); y = [x1, x2, v1, v2], p = [mu].</summary>
public readonly struct Arenstorf : IOdeSystem
{
    private static readonly SparsityPattern Pattern = SparsityPattern.FromRows(4, [2], [3], [0, 1, 3], [0, 1, 2]);

    public int StateSize => 4;

    public int ParameterSize => 1;

    public SparsityPattern JacobianYSparsity => Pattern;

    public void Forward(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> p, Span<double> dy)
    {
        double mu = p[0], mup = 1 - mu;
        double a = y[0] + mu, b = y[0] - mup;
        double d1 = Math.Pow(a * a + y[1] * y[1], 1.5), d2 = Math.Pow(b * b + y[1] * y[1], 1.5);
        dy[0] = y[2];
        dy[1] = y[3];
        dy[2] = y[0] + 2 * y[3] - mup * a / d1 - mu * b / d2;
        dy[3] = y[1] - 2 * y[2] - mup * y[1] / d1 - mu * y[1] / d2;
    }

    public void JacobianY(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> p, Span<double> jac)
    {
        double mu = p[0], mup = 1 - mu, x2 = y[1];
        double a = y[0] + mu, b = y[0] - mup;
        double r1sq = a * a + x2 * x2, r2sq = b * b + x2 * x2;
        double r1c = Math.Pow(r1sq, 1.5), r2c = Math.Pow(r2sq, 1.5);
        double r1f = r1c * r1sq, r2f = r2c * r2sq;
        jac.Clear();
        jac[0 * 4 + 2] = 1;
        jac[1 * 4 + 3] = 1;
        jac[2 * 4 + 0] = 1 - mup * (1 / r1c - 3 * a * a / r1f) - mu * (1 / r2c - 3 * b * b / r2f);
        jac[2 * 4 + 1] = 3 * mup * a * x2 / r1f + 3 * mu * b * x2 / r2f;
        jac[2 * 4 + 3] = 2;
        jac[3 * 4 + 0] = 3 * mup * a * x2 / r1f + 3 * mu * b * x2 / r2f;
        jac[3 * 4 + 1] = 1 - mup * (1 / r1c - 3 * x2 * x2 / r1f) - mu * (1 / r2c - 3 * x2 * x2 / r2f);
        jac[3 * 4 + 2] = -2;
    }

    public void JacobianP(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> p, Span<double> jac)
    {
        double mu = p[0], mup = 1 - mu, x2 = y[1];
        double a = y[0] + mu, b = y[0] - mup;
        double r1sq = a * a + x2 * x2, r2sq = b * b + x2 * x2;
        double r1c = Math.Pow(r1sq, 1.5), r2c = Math.Pow(r2sq, 1.5);
        double r1f = r1c * r1sq, r2f = r2c * r2sq;
        // d mup / d mu = -1, d a / d mu = d b / d mu = 1.
        jac[0] = 0;
        jac[1] = 0;
        jac[2] = a / r1c - mup * (1 / r1c - 3 * a * a / r1f) - b / r2c - mu * (1 / r2c - 3 * b * b / r2f);
        jac[3] = x2 / r1c + 3 * mup * x2 * a / r1f - x2 / r2c + 3 * mu * x2 * b / r2f;
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
