// Ceiling is here on purpose, to test its derivative at its jump; its warning (ODE0009) is tested elsewhere.
#pragma warning disable ODE0009

namespace OdeGen.Tests.Corpus;

/// <summary>
/// The ends of the domains of Asin, Acos, √ and a fractional power, where the derivative is infinite but a zero tangent
/// must give 0; Pow with a constant exponent 0; Ceiling.
/// </summary>
public static partial class DomainEnds
{
    [OdeDynamics]
    public static void Rhs(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> p, Span<double> dy)
    {
        dy[0] = Math.Asin(y[0]);
        dy[1] = Math.Acos(y[0]) * y[1];
        dy[2] = Math.Pow(y[2], 0.5) + Math.Pow(y[2], 0.0) + Math.Sqrt(y[2]) * y[1] + p[0] * y[1];
        dy[3] = Math.Ceiling(y[3]) * y[1] + Math.Cbrt(y[3]);
    }
}
