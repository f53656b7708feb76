namespace OdeGen.Tests.Corpus;

/// <summary>
/// A 1-D reaction–diffusion equation u_t = D u_xx + r u (1 - u) on 100 cells by the method of lines,
/// with zero-flux boundaries; p = [D, r].
/// </summary>
public static partial class ReactionDiffusion
{
    public const int Cells = 100;

    [OdeDynamics(StateSize = Cells, ParameterSize = 2)]
    public static void Rhs(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> p, Span<double> dy)
    {
        const double dx = 1.0 / Cells;
        double diffusion = p[0] / (dx * dx);
        for (int i = 0; i < Cells; i++)
        {
            double left = i > 0 ? y[i - 1] : y[i];
            double right = i < Cells - 1 ? y[i + 1] : y[i];
            dy[i] = diffusion * (left - 2 * y[i] + right) + p[1] * y[i] * (1 - y[i]);
        }
    }
}
