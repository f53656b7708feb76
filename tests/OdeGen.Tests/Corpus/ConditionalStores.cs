namespace OdeGen.Tests.Corpus;

/// <summary>
/// Two things the generation-time run of the loops must get right. A store under a condition on doubles may or may
/// not replace the element, so dy[0] depends on y[0] and on y[1]. A span nothing reads passes no cotangent on: its
/// Math.Exp overflows for y above 0.71, and a zero cotangent times an infinite derivative would make the VJP NaN.
/// </summary>
public static partial class ConditionalStores
{
    [OdeDynamics(StateSize = 2)]
    public static void Rhs(double t, ReadOnlySpan<double> y, Span<double> dy)
    {
        Span<double> h = stackalloc double[2];
        Span<double> unread = stackalloc double[2];
        for (int i = 0; i < 2; i++)
        {
            h[i] = y[i];
            unread[i] = Math.Exp(1000.0 * y[i]);
        }
        if (t > 0.5)
        {
            h[0] = y[1];
        }
        for (int i = 0; i < 2; i++)
        {
            dy[i] = h[i] * h[i];
        }
    }
}
