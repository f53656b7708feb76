namespace OdeGen.Tests.Corpus;

/// <summary>
/// Loop-carried sums of terms that derivative rules build too (tanh' = 1 - a², sin' = cos): finding which carried
/// values have tangents takes a second trial linearization of the loop, which must not see the first trial's
/// definitions (it once used <c>a * a</c> before defining it, and the generated code did not compile).
/// </summary>
public static partial class CarriedSquares
{
    [OdeDynamics(StateSize = 3, ParameterSize = 1)]
    public static void Rhs(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> p, Span<double> dy)
    {
        Span<double> h = stackalloc double[3];
        double s = 0.0;
        double c = 0.0;
        for (int i = 0; i < 3; i++)
        {
            double a = Math.Tanh(p[0] * y[i]);
            h[i] = a;
            s += a * a;
            double b = Math.Sin(y[i]);
            c += Math.Cos(y[i]) * b;
        }
        for (int i = 0; i < 3; i++)
        {
            dy[i] = h[i] * s - c * y[i];
        }
    }
}
