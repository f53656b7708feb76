namespace OdeGen.Tests.Corpus;

/// <summary>Arenstorf orbit, restricted three-body problem (HNW I, Sect. II.0, eq. 0.1); mu in p.</summary>
public static partial class Arenstorf
{
    [OdeDynamics]
    public static void Rhs(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> p, Span<double> dy)
    {
        double mu = p[0];
        double muPrime = 1 - mu;
        double d1 = Math.Pow((y[0] + mu) * (y[0] + mu) + y[1] * y[1], 1.5);
        double d2 = Math.Pow((y[0] - muPrime) * (y[0] - muPrime) + y[1] * y[1], 1.5);
        dy[0] = y[2];
        dy[1] = y[3];
        dy[2] = y[0] + 2 * y[3] - muPrime * (y[0] + mu) / d1 - mu * (y[0] - muPrime) / d2;
        dy[3] = y[1] - 2 * y[2] - muPrime * y[1] / d1 - mu * y[1] / d2;
    }
}
