using OdeGen.Solvers.Tests.Systems;

namespace OdeGen.Solvers.Tests;

/// <summary>Dense output: interpolated values against a tight solve, consistency with SaveAt, and step nodes.</summary>
public class DenseOutputTests
{
    private static readonly double[] LvY0 = [1.0, 1.0];
    private static readonly double[] LvP = [1.5, 1.0, 3.0, 1.0];

    public static TheoryData<string> Adaptive => new() { "Bosh3", "Dopri5", "Tsit5", "Dop853", "Rodas5P" };

    [Theory]
    [MemberData(nameof(Adaptive))]
    public void Interpolant_is_as_accurate_as_the_steps(string name)
    {
        const double t1 = 10, tol = 1e-8;
        var sol = Ode.Solve(new LotkaVolterra(), LvY0, LvP, 0, t1, SolverFactory.Create(name), new SolverOptions { RelTol = tol, AbsTol = tol });
        Assert.True(sol.HasDenseOutput);
        var times = new double[401];
        for (int i = 0; i < times.Length; i++) times[i] = t1 * i / (times.Length - 1) * 0.999 + 0.0013;
        var reference = Ode.Solve(new LotkaVolterra(), LvY0, LvP, 0, t1, new Dop853(), new SolverOptions { RelTol = 1e-14, AbsTol = 1e-14, SaveAt = times });

        // Global error at the step ends, for scale.
        var nodes = Ode.Solve(new LotkaVolterra(), LvY0, LvP, 0, t1, new Dop853(),
            new SolverOptions { RelTol = 1e-14, AbsTol = 1e-14, SaveAt = sol.Times.ToArray() });
        double nodeError = 0;
        for (int k = 0; k < sol.Count; k++)
            for (int i = 0; i < 2; i++) nodeError = Math.Max(nodeError, Math.Abs(sol.State(k)[i] - nodes.State(k)[i]));

        var y = new double[2];
        double denseError = 0;
        for (int k = 0; k < times.Length; k++)
        {
            sol.Interpolate(times[k], y);
            for (int i = 0; i < 2; i++) denseError = Math.Max(denseError, Math.Abs(y[i] - reference.State(k)[i]));
        }
        Assert.True(denseError <= 5 * Math.Max(nodeError, tol), $"{name}: dense error {denseError:E2}, error at steps {nodeError:E2}");
    }

    public static TheoryData<string> All => new() { "Euler", "Midpoint", "Rk4", "Bosh3", "Dopri5", "Tsit5", "Dop853", "Rodas5P" };

    [Theory]
    [MemberData(nameof(All))]
    public void SaveAt_comes_from_dense_output_and_does_not_change_the_steps(string name)
    {
        var solver = SolverFactory.Create(name);
        double? fixedStep = solver.IsAdaptive ? null : 0.01;
        var full = Ode.Solve(new LotkaVolterra(), LvY0, LvP, 0, 5, solver, new SolverOptions { RelTol = 1e-7, AbsTol = 1e-7, FixedStep = fixedStep });
        double[] saveAt = [0, 0.123, 1.0 / 3, 2.5, 4.999, 5];
        var saved = Ode.Solve(new LotkaVolterra(), LvY0, LvP, 0, 5, solver, new SolverOptions { RelTol = 1e-7, AbsTol = 1e-7, FixedStep = fixedStep, SaveAt = saveAt });
        Assert.Equal(full.Stats.AcceptedSteps, saved.Stats.AcceptedSteps);
        Assert.Equal(full.Stats.RejectedSteps, saved.Stats.RejectedSteps);
        Assert.Equal(saveAt, saved.Times);
        Assert.False(saved.HasDenseOutput);
        var y = new double[2];
        for (int k = 0; k < saveAt.Length; k++)
        {
            full.Interpolate(saveAt[k], y);
            for (int i = 0; i < 2; i++) Assert.Equal(y[i], saved.State(k)[i], 1e-13);
        }
        // At the step ends the interpolant reproduces the accepted states.
        for (int k = 0; k < full.Count; k++)
        {
            full.Interpolate(full.Times[k], y);
            for (int i = 0; i < 2; i++) Assert.Equal(full.State(k)[i], y[i], 1e-12);
        }
    }

    [Fact]
    public void Hermite_interpolant_of_fixed_step_Rk4_is_fourth_order_accurate()
    {
        double[] y0 = [1.0, 0.5, 0.2];
        double[] p = [0.1, 2.0, 1.0];
        var sol = Ode.Solve(new LinearSystem(), y0, p, 0, 2, new Rk4(), new SolverOptions { FixedStep = 0.01 });
        var y = new double[3];
        var exact = new double[3];
        double worst = 0;
        for (int k = 0; k < 199; k++)
        {
            double t = 0.01 * k + 0.0037;
            sol.Interpolate(t, y);
            LinearSystem.Exact(t, y0, p, exact);
            for (int i = 0; i < 3; i++) worst = Math.Max(worst, Math.Abs(y[i] - exact[i]));
        }
        Assert.True(worst < 1e-8, $"worst interpolation error {worst:E2}");
    }

    [Fact]
    public void Without_dense_output_only_reported_times_can_be_interpolated()
    {
        var sol = Ode.Solve(new LotkaVolterra(), LvY0, LvP, 0, 1, new Dopri5(), new SolverOptions { SaveAt = [0.5, 1.0] });
        var y = new double[2];
        sol.Interpolate(0.5, y);
        Assert.Equal(sol.State(0)[0], y[0]);
        Assert.Throws<InvalidOperationException>(() => sol.Interpolate(0.25, y));
        Assert.Throws<ArgumentOutOfRangeException>(() => sol.Interpolate(1.5, y));
        Assert.Throws<ArgumentException>(() => sol.Interpolate(0.5, new double[3]));
    }

    [Fact]
    public void Dense_option_keeps_interpolants_alongside_SaveAt()
    {
        var sol = Ode.Solve(new LotkaVolterra(), LvY0, LvP, 0, 1, new Tsit5(), new SolverOptions { SaveAt = [1.0], Dense = true });
        Assert.True(sol.HasDenseOutput);
        Assert.Equal(sol.Stats.AcceptedSteps, sol.StepCount);
        var y = new double[2];
        sol.Interpolate(1.0, y);
        Assert.Equal(sol.State(0)[0], y[0], 1e-12);
    }

    public static TheoryData<string> Backward => new() { "Rk4", "Dopri5", "Tsit5", "Dop853", "Rodas5P" };

    [Theory]
    [MemberData(nameof(Backward))]
    public void Integrates_backwards(string name)
    {
        double[] y0 = [1.0, 0.5, 0.2];
        double[] p = [0.1, 2.0, 1.0];
        var yT = new double[3];
        LinearSystem.Exact(2, y0, p, yT);
        var solver = SolverFactory.Create(name);
        double[] saveAt = [2.0, 1.3, 0.7, 0.0];
        var sol = Ode.Solve(new LinearSystem(), yT, p, 2, 0, solver,
            new SolverOptions { RelTol = 1e-10, AbsTol = 1e-10, FixedStep = solver.IsAdaptive ? null : 1e-3, SaveAt = saveAt, Dense = true });
        Assert.Equal(saveAt, sol.Times);
        var exact = new double[3];
        var y = new double[3];
        for (int k = 0; k < saveAt.Length; k++)
        {
            LinearSystem.Exact(saveAt[k], y0, p, exact);
            sol.Interpolate(saveAt[k], y);
            for (int i = 0; i < 3; i++)
            {
                Assert.True(Math.Abs(sol.State(k)[i] - exact[i]) < 1e-8, $"{name} t = {saveAt[k]}: {sol.State(k)[i]} vs {exact[i]}");
                Assert.True(Math.Abs(y[i] - exact[i]) < 1e-8, $"{name} interpolated at t = {saveAt[k]}: {y[i]} vs {exact[i]}");
            }
        }
    }
}
