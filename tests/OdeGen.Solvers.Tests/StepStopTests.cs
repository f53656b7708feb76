using OdeGen.Solvers.Tests.Systems;

namespace OdeGen.Solvers.Tests;

/// <summary><see cref="SolverOptions.StepStops"/>: adaptive steps end on every stop and resume their size after it.</summary>
public class StepStopTests
{
    // A kink that no step of the tests lands on by chance.
    private const double Kink = 0.3183098861837907;

    [Theory]
    [InlineData("Dopri5", 0.0, 2.0)]
    [InlineData("Dopri5", 2.0, 0.0)]
    [InlineData("Tsit5", 0.0, 2.0)]
    [InlineData("Dop853", 0.0, 2.0)]
    [InlineData("Rodas5P", 0.0, 2.0)]
    [InlineData("Rodas5P", 2.0, 0.0)]
    public void Every_stop_is_the_end_of_a_step(string solver, double t0, double t1)
    {
        var stops = Enumerable.Range(1, 7).Select(k => k * 0.2718281828).ToArray();
        if (t1 < t0) Array.Reverse(stops);
        var solution = Ode.Solve(new LotkaVolterra(), [1.0, 1.0], [1.5, 1.0, 3.0, 1.0], t0, t1, SolverFactory.Create(solver),
            new SolverOptions { RelTol = 1e-6, AbsTol = 1e-9, StepStops = stops });
        foreach (double stop in stops) Assert.Contains(stop, solution.Times);
    }

    [Theory]
    [InlineData("Dopri5")]
    [InlineData("Rodas5P")]
    public void A_step_that_ends_on_a_kink_keeps_the_order_that_one_across_it_loses(string solver)
    {
        // y' = |t - c| is a polynomial on each side of c, so steps that stop at c integrate it to rounding.
        double Error(double[]? stops)
        {
            var solution = Ode.Solve(new KinkedRate(), [0.0], [Kink], 0, 1, SolverFactory.Create(solver),
                new SolverOptions { RelTol = 1e-6, AbsTol = 1e-6, SaveAt = [1.0], StepStops = stops });
            return Math.Abs(solution.State(0)[0] - KinkedRate.Exact(1, Kink));
        }
        double stopped = Error([Kink]), across = Error(null);
        Assert.True(stopped < 1e-13, $"error {stopped:E2} with a stop at the kink");
        Assert.True(across > 100 * stopped, $"error {across:E2} without the stop, {stopped:E2} with it");
    }

    [Fact]
    public void After_a_stop_the_step_resumes_the_size_the_solution_allows()
    {
        var p = new[] { 1.5, 1.0, 3.0, 1.0 };
        var options = new SolverOptions { RelTol = 1e-8, AbsTol = 1e-10, SaveAt = [10.0] };
        var plain = Ode.Solve(new LotkaVolterra(), [1.0, 1.0], p, 0, 10, new Dopri5(), options);
        var stops = Enumerable.Range(1, 49).Select(k => k * 0.2).ToArray();
        var stopped = Ode.Solve(new LotkaVolterra(), [1.0, 1.0], p, 0, 10, new Dopri5(),
            new SolverOptions { RelTol = 1e-8, AbsTol = 1e-10, SaveAt = [10.0], StepStops = stops });
        // Each stop splits at most one step in two; a step restarting small after each stop would cost far more.
        Assert.InRange(stopped.Stats.AcceptedSteps, plain.Stats.AcceptedSteps, plain.Stats.AcceptedSteps + stops.Length + 5);
        for (int i = 0; i < 2; i++) Assert.Equal(plain.State(0)[i], stopped.State(0)[i], 1e-6);
    }

    [Fact]
    public void Stops_outside_the_open_interval_and_under_a_fixed_step_change_nothing()
    {
        var p = new[] { 1.5, 1.0, 3.0, 1.0 };
        OdeSolution Solve(IOdeSolver solver, double? fixedStep, double[]? stops) => Ode.Solve(new LotkaVolterra(), [1.0, 1.0], p, 0, 1, solver,
            new SolverOptions { RelTol = 1e-6, FixedStep = fixedStep, StepStops = stops });
        var outside = new[] { -1.0, 0.0, 1.0, 2.0 };
        Assert.Equal(Solve(new Dopri5(), null, null).Times, Solve(new Dopri5(), null, outside).Times);
        Assert.Equal(Solve(new Rk4(), 0.1, null).Times, Solve(new Rk4(), 0.1, [0.55]).Times);
    }
}
