using OdeGen;

namespace SnapshotRecipe;

/// <summary>The user's model: an SIR epidemic, p = (infection rate β, recovery rate γ).</summary>
public static partial class Sir
{
    [OdeDynamics]
    public static void Rhs(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> p, Span<double> dy)
    {
        double infections = p[0] * y[0] * y[1];
        dy[0] = -infections;
        dy[1] = infections - p[1] * y[1];
        dy[2] = p[1] * y[1];
    }
}
