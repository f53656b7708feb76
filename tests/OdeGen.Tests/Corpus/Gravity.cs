namespace OdeGen.Tests.Corpus;

/// <summary>
/// Seven bodies in the plane under Newtonian gravity (G = 1), the masses as parameters.
/// y = [x (7), y (7), vx (7), vy (7)], in the spirit of HNW I's Pleiades problem (Sect. II.10).
/// </summary>
public static partial class Gravity
{
    private const int Bodies = 7;

    [OdeDynamics(StateSize = 4 * Bodies, ParameterSize = Bodies)]
    public static void Rhs(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> p, Span<double> dy)
    {
        for (int i = 0; i < Bodies; i++)
        {
            dy[i] = y[2 * Bodies + i];
            dy[Bodies + i] = y[3 * Bodies + i];
        }
        for (int i = 0; i < Bodies; i++)
        {
            double ax = 0;
            double ay = 0;
            for (int j = 0; j < Bodies; j++)
            {
                if (j != i)
                {
                    double dx = y[j] - y[i];
                    double dz = y[Bodies + j] - y[Bodies + i];
                    double r2 = dx * dx + dz * dz;
                    double r3 = r2 * Math.Sqrt(r2);
                    ax += p[j] * dx / r3;
                    ay += p[j] * dz / r3;
                }
            }
            dy[2 * Bodies + i] = ax;
            dy[3 * Bodies + i] = ay;
        }
    }
}
