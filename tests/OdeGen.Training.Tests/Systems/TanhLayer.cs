namespace OdeGen.Training.Tests.Systems;

/// <summary>
/// A tanh layer written with loops, <c>dy = tanh(W y + b) - 0.1 t y</c>: a generated system that implements
/// <see cref="IOdeSystem.VjpAccumulate"/> itself, so that a batch of it adds every copy's VJP in place.
/// </summary>
public static partial class TanhLayer
{
    public const int Size = 3;

    [OdeDynamics(StateSize = Size, ParameterSize = Size * Size + Size)]
    public static void Rhs(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> p, Span<double> dy)
    {
        for (int i = 0; i < Size; i++)
        {
            double s = p[Size * Size + i];
            for (int j = 0; j < Size; j++)
            {
                s += p[i * Size + j] * y[j];
            }
            dy[i] = Math.Tanh(s) - 0.1 * t * y[i];
        }
    }
}
