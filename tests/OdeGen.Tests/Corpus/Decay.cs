namespace OdeGen.Tests.Corpus;

/// <summary>An expression-bodied dynamics method: exponential decay.</summary>
public static partial class Decay
{
    [OdeDynamics]
    public static void Rhs(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> p, Span<double> dy) => dy[0] = -p[0] * y[0];
}
