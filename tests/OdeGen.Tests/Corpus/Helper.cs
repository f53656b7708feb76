namespace OdeGen.Tests.Corpus;

/// <summary>Dynamics that call [Differentiable] helpers, expression- and block-bodied.</summary>
public static partial class Helper
{
    [Differentiable]
    public static double Sigmoid(double x) => 1 / (1 + Math.Exp(-x));

    [Differentiable]
    public static double Hill(double x, double k, double n)
    {
        double xn = Math.Pow(x, n);
        return xn / (Math.Pow(k, n) + xn);
    }

    /// <summary>A two-gene toggle switch with Hill repression.</summary>
    [OdeDynamics]
    public static void Rhs(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> p, Span<double> dy)
    {
        dy[0] = p[0] * (1 - Hill(y[1], p[1], 2)) - y[0] + 0.1 * Sigmoid(y[0] - y[1]);
        dy[1] = p[0] * (1 - Hill(y[0], p[1], 2)) - y[1];
    }
}
