using System.Threading;
using OdeGen.Solvers.Tests.Systems;

namespace OdeGen.Solvers.Tests;

/// <summary>Typed failures with partial solutions, limits, cancellation and progress.</summary>
public class FailureTests
{
    public static TheoryData<string> Adaptive => new() { "Bosh3", "Dopri5", "Tsit5", "Dop853", "Rodas5P" };

    [Theory]
    [MemberData(nameof(Adaptive))]
    public void Blow_up_gives_a_typed_failure_with_the_partial_solution(string name)
    {
        // y' = y², y(0) = 1 has y = 1 / (1 - t): no solution reaches t = 2.
        var ex = Assert.Throws<OdeSolverException>(() =>
            Ode.Solve(new Riccati(), [1.0], [], 0, 2, SolverFactory.Create(name), new SolverOptions { RelTol = 1e-8, AbsTol = 1e-8, SaveAt = [0.5, 0.9, 1.5] }));
        Assert.True(ex.Reason is OdeSolverFailure.StepSizeTooSmall or OdeSolverFailure.NonFiniteState, $"reason {ex.Reason}");
        // Near the pole the numerical solution may run a hair past t = 1 before the step size collapses.
        Assert.InRange(ex.TimeReached, 0.99, 1.01);
        var partial = ex.PartialSolution;
        Assert.Equal(ex.TimeReached, partial.TimeReached);
        Assert.Equal(new[] { 0.5, 0.9 }, partial.Times);
        Assert.Equal(2.0, partial.State(0)[0], 1e-5);
        Assert.Equal(10.0, partial.State(1)[0], 1e-4);
        Assert.True(partial.Stats.AcceptedSteps > 0);
    }

    [Fact]
    public void Blow_up_partial_solution_keeps_every_step_without_SaveAt()
    {
        var ex = Assert.Throws<OdeSolverException>(() => Ode.Solve(new Riccati(), [1.0], [], 0, 2, new Dopri5()));
        var partial = ex.PartialSolution;
        Assert.Equal(partial.Stats.AcceptedSteps + 1, partial.Count);
        Assert.Equal(ex.TimeReached, partial.Times[^1]);
        Assert.True(partial.State(partial.Count - 1)[0] > 1e3);
        var y = new double[1];
        partial.Interpolate(0.5, y);
        Assert.Equal(2.0, y[0], 1e-5);
    }

    [Theory]
    [MemberData(nameof(Adaptive))]
    public void MaxSteps_is_honoured(string name)
    {
        var ex = Assert.Throws<OdeSolverException>(() =>
            Ode.Solve(new Lorenz(), [1.0, 0, 0], [10, 28, 8.0 / 3], 0, 100, SolverFactory.Create(name), new SolverOptions { MaxSteps = 50 }));
        Assert.Equal(OdeSolverFailure.MaxStepsExceeded, ex.Reason);
        var stats = ex.PartialSolution.Stats;
        Assert.True(stats.AcceptedSteps + stats.RejectedSteps <= 50);
        Assert.True(stats.AcceptedSteps >= 10);
        Assert.True(ex.TimeReached > 0 && ex.TimeReached < 100);
    }

    [Fact]
    public void MaxSteps_applies_to_fixed_steps()
    {
        var ex = Assert.Throws<OdeSolverException>(() =>
            Ode.Solve(new Lorenz(), [1.0, 0, 0], [10, 28, 8.0 / 3], 0, 1, new Rk4(), new SolverOptions { FixedStep = 1e-3, MaxSteps = 100 }));
        Assert.Equal(OdeSolverFailure.MaxStepsExceeded, ex.Reason);
        Assert.Equal(0.1, ex.TimeReached, 1e-12);
    }

    [Fact]
    public void Fixed_step_overflow_is_a_non_finite_state()
    {
        var ex = Assert.Throws<OdeSolverException>(() =>
            Ode.Solve(new Riccati(), [1.0], [], 0, 20, new Euler(), new SolverOptions { FixedStep = 0.25 }));
        Assert.Equal(OdeSolverFailure.NonFiniteState, ex.Reason);
    }

    [Fact]
    public void MaxStep_limits_the_step_size()
    {
        var sol = Ode.Solve(new LotkaVolterra(), [1.0, 1.0], [1.5, 1, 3, 1], 0, 10, new Dopri5(), new SolverOptions { MaxStep = 0.01, RelTol = 1e-3, AbsTol = 1e-3 });
        for (int k = 1; k < sol.Count; k++) Assert.True(sol.Times[k] - sol.Times[k - 1] <= 0.01 * (1 + 1e-9));
        Assert.True(sol.Stats.AcceptedSteps >= 1000);
    }

    [Fact]
    public void InitialStep_is_used()
    {
        var sol = Ode.Solve(new LotkaVolterra(), [1.0, 1.0], [1.5, 1, 3, 1], 0, 10, new Dopri5(), new SolverOptions { InitialStep = 1e-5 });
        Assert.Equal(1e-5, sol.Times[1], 1e-18);
        // No starting-step estimate: one evaluation at t0 and six per step.
        Assert.Equal(1 + 6 * (sol.Stats.AcceptedSteps + sol.Stats.RejectedSteps), sol.Stats.Nfe);
    }

    [Fact]
    public void Cancellation_stops_the_solve()
    {
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() =>
            Ode.Solve(new Lorenz(), [1.0, 0, 0], [10, 28, 8.0 / 3], 0, 10, new Dopri5(), new SolverOptions { CancellationToken = cts.Token }));
        Assert.ThrowsAny<OperationCanceledException>(() =>
            Ode.Solve(new Robertson(), [1.0, 0, 0], [0.04, 3e7, 1e4], 0, 10, new Rodas5P(), new SolverOptions { CancellationToken = cts.Token }));
    }

    [Fact]
    public void Progress_is_reported_up_to_completion()
    {
        var progress = new Recorder();
        Ode.Solve(new Lorenz(), [1.0, 0, 0], [10, 28, 8.0 / 3], 0, 10, new Dopri5(),
            new SolverOptions { RelTol = 1e-10, AbsTol = 1e-10, Progress = progress, ProgressInterval = 100 });
        Assert.True(progress.Values.Count >= 3);
        Assert.Equal(1.0, progress.Values[^1]);
        for (int i = 1; i < progress.Values.Count; i++) Assert.True(progress.Values[i] >= progress.Values[i - 1]);
    }

    [Fact]
    public void Rodas5P_reuses_the_Jacobian_after_rejections()
    {
        var sol = Ode.Solve(new VanDerPol(), [2.0, 0], [1000.0], 0, 2000, new Rodas5P(), new SolverOptions { RelTol = 1e-6, AbsTol = 1e-6, SaveAt = [2000.0] });
        var s = sol.Stats;
        Assert.True(s.RejectedSteps > 0);
        // One Jacobian per accepted step (none extra for rejections), one LU per attempt.
        Assert.InRange(s.Njac, s.AcceptedSteps, s.AcceptedSteps + 1);
        // (Rejections before the first accepted step are not counted, as in Hairer's codes.)
        Assert.InRange(s.Nlu, s.AcceptedSteps + s.RejectedSteps, s.AcceptedSteps + s.RejectedSteps + 10);
        Assert.True(s.Nfe >= 7 * s.Nlu);
    }

    private sealed class Recorder : IProgress<double>
    {
        public List<double> Values { get; } = [];

        public void Report(double value) => Values.Add(value);
    }
}
