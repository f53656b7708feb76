namespace OdeGen.Tests.Corpus;

/// <summary>Locals reassigned, compound assignments, int constants as indices, nested types.</summary>
public static partial class Outer
{
    public partial struct Compound
    {
        [OdeDynamics]
        public static void Rhs(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> p, Span<double> dy)
        {
            const int last = 2;
            int middle = last - 1;
            double acc = y[0];
            acc *= y[middle];
            acc += p[0] / (1 + y[last] * y[last]);
            acc -= t * p[1];
            double w = acc;
            w /= 2;
            dy[0] = w;
            dy[middle] = -acc * y[0];
            dy[last] = dy[0] + dy[middle] * y[last];
        }
    }
}
