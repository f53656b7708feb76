using System.Collections.Generic;
using System.Threading;

namespace OdeGen.Training.Tests.Training;

/// <summary><see cref="SynchronousProgress{T}"/>: every report in order, on the reporting thread, before the run returns.</summary>
public class SynchronousProgressTests
{
    [Fact]
    public void Training_reports_arrive_in_order_on_the_training_thread_before_Run_returns()
    {
        var reports = new List<(int Iteration, int Thread)>();
        int trainingThread = Environment.CurrentManagedThreadId;
        var result = TrainingLoop.Run(iteration => new StepResult(1.0 / iteration, 1, 1),
            new TrainingOptions { MaxIterations = 200, Progress = new SynchronousProgress<TrainingReport>(r => reports.Add((r.Iteration, Environment.CurrentManagedThreadId))) });
        // Read right after Run: a Progress<T> in a console app would still be posting to the thread pool.
        Assert.Equal(Enumerable.Range(1, 200), reports.Select(r => r.Iteration));
        Assert.All(reports, r => Assert.Equal(trainingThread, r.Thread));
        Assert.Equal(200, result.Iterations);
    }

    [Fact]
    public void Solver_progress_is_reported_in_order()
    {
        var fractions = new List<double>();
        Ode.Solve(new Systems.Oscillator.RhsSystem(), [1.0, 0.0], [], 0, 10,
            new Dopri5(), new SolverOptions { Progress = new SynchronousProgress<double>(fractions.Add), ProgressInterval = 1 });
        Assert.True(fractions.Count > 2);
        Assert.Equal(fractions.OrderBy(f => f), fractions);
        Assert.Equal(1.0, fractions[^1]);
    }

    [Fact]
    public void A_null_handler_is_an_error() =>
        Assert.Throws<ArgumentNullException>(() => new SynchronousProgress<double>(null!));
}
