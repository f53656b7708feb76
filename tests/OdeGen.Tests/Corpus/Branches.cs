namespace OdeGen.Tests.Corpus;

/// <summary>Piecewise dynamics: if/else with locals merged after it, and ?: in an expression.</summary>
public static partial class Branches
{
    [OdeDynamics]
    public static void Rhs(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> p, Span<double> dy)
    {
        double rate;
        double drive = p[1] * t;
        if (y[0] > 0.5)
        {
            double s = Math.Sin(y[1]);
            rate = p[0] * s * s;
            dy[1] = -y[1] + drive;
        }
        else
        {
            rate = p[0] * y[1] * y[0];
            dy[1] = y[0] - drive * y[1];
        }
        dy[0] = -rate * y[0] + (y[1] < 0 ? y[1] * y[1] : Math.Exp(-y[1]));
    }
}
