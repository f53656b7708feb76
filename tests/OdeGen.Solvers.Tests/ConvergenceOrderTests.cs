using OdeGen.Solvers.Tests.Systems;

namespace OdeGen.Solvers.Tests;

/// <summary>
/// Empirical order of convergence: every solver at fixed steps on a linear (partly non-autonomous) system with
/// known solution; the least-squares slope of log(error) against log(h) must be within 0.3 of the method's order.
/// </summary>
public class ConvergenceOrderTests
{
    private static readonly double[] Y0 = [1.0, 0.5, 0.2];
    private static readonly double[] P = [0.1, 2.0, 1.0];
    private const double T1 = 2.0;

    public static TheoryData<string, int[]> Cases => new()
    {
        { "Euler", [400, 800, 1600, 3200] },
        { "Midpoint", [50, 100, 200, 400] },
        { "Rk4", [20, 40, 80, 160] },
        { "Bosh3", [20, 40, 80, 160] },
        { "Dopri5", [10, 20, 40, 80] },
        { "Tsit5", [20, 40, 80, 160] },
        { "Dop853", [8, 12, 16, 24] },
    };

    /// <summary>
    /// Rodas5P on the linear system: on the autonomous rotation part a Rosenbrock method's error is that of its
    /// stability function, which for Rodas5P is observed to be one order higher (≈ 5.9); the non-autonomous forced
    /// component exercises the <c>h d_i f_t</c> terms and shows order 5. So the rotation starts at rest here, and
    /// <see cref="Rodas5P_slope_on_a_nonlinear_problem"/> checks the full nonlinear order.
    /// </summary>
    [Fact]
    public void Rodas5P_slope_on_the_non_autonomous_linear_system()
    {
        double[] y0 = [0.0, 0.0, 0.2];
        var exact = new double[3];
        LinearSystem.Exact(T1, y0, P, exact);
        int[] counts = [10, 20, 40, 80];
        var logH = new double[counts.Length];
        var logE = new double[counts.Length];
        for (int k = 0; k < counts.Length; k++)
        {
            var sol = Ode.Solve(new LinearSystem(), y0, P, 0, T1, new Rodas5P(), new SolverOptions { FixedStep = T1 / counts[k], SaveAt = [T1] });
            logH[k] = Math.Log(T1 / counts[k]);
            logE[k] = Math.Log(Math.Abs(sol.State(0)[2] - exact[2]));
        }
        double slope = Slope(logH, logE);
        Assert.True(Math.Abs(slope - 5) <= 0.3, $"Rodas5P: observed order {slope:F3}, expected 5");
    }

    /// <summary>Rodas5P at fixed steps on the Brusselator against a DOP853 solution at tolerance 1e-14.</summary>
    [Fact]
    public void Rodas5P_slope_on_a_nonlinear_problem()
    {
        double[] y0 = [1.5, 3.0];
        double[] p = [1.0, 3.0];
        const double t1 = 2.0;
        var reference = Ode.Solve(new Brusselator(), y0, p, 0, t1, new Dop853(),
            new SolverOptions { RelTol = 1e-14, AbsTol = 1e-14, SaveAt = [t1] }).State(0).ToArray();
        int[] counts = [40, 80, 160, 320];
        var logH = new double[counts.Length];
        var logE = new double[counts.Length];
        for (int k = 0; k < counts.Length; k++)
        {
            var sol = Ode.Solve(new Brusselator(), y0, p, 0, t1, new Rodas5P(), new SolverOptions { FixedStep = t1 / counts[k], SaveAt = [t1] });
            logH[k] = Math.Log(t1 / counts[k]);
            logE[k] = Math.Log(Math.Max(Math.Abs(sol.State(0)[0] - reference[0]), Math.Abs(sol.State(0)[1] - reference[1])));
        }
        double slope = Slope(logH, logE);
        Assert.True(Math.Abs(slope - 5) <= 0.3, $"Rodas5P: observed order {slope:F3}, expected 5");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Slope_matches_order(string name, int[] stepCounts)
    {
        var solver = SolverFactory.Create(name);
        var exact = new double[3];
        LinearSystem.Exact(T1, Y0, P, exact);
        var logH = new double[stepCounts.Length];
        var logE = new double[stepCounts.Length];
        for (int k = 0; k < stepCounts.Length; k++)
        {
            double h = T1 / stepCounts[k];
            var sol = Ode.Solve(new LinearSystem(), Y0, P, 0, T1, solver, new SolverOptions { FixedStep = h, SaveAt = [T1] });
            Assert.Equal(stepCounts[k], sol.Stats.AcceptedSteps);
            double err = 0;
            for (int i = 0; i < 3; i++) err = Math.Max(err, Math.Abs(sol.State(0)[i] - exact[i]));
            logH[k] = Math.Log(h);
            logE[k] = Math.Log(err);
        }
        double slope = Slope(logH, logE);
        Assert.True(Math.Abs(slope - solver.Order) <= 0.3, $"{name}: observed order {slope:F3}, expected {solver.Order}");
    }

    internal static double Slope(double[] x, double[] y)
    {
        double mx = 0, my = 0;
        for (int i = 0; i < x.Length; i++) { mx += x[i]; my += y[i]; }
        mx /= x.Length; my /= y.Length;
        double sxy = 0, sxx = 0;
        for (int i = 0; i < x.Length; i++) { sxy += (x[i] - mx) * (y[i] - my); sxx += (x[i] - mx) * (x[i] - mx); }
        return sxy / sxx;
    }
}
