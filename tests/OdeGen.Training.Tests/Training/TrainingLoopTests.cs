using System.Collections.Generic;
using System.Threading;

namespace OdeGen.Training.Tests.Training;

/// <summary><see cref="TrainingLoop"/>: what it reports, what it records, and when it stops.</summary>
public class TrainingLoopTests
{
    /// <summary>Records reports synchronously (<see cref="Progress{T}"/> would post them to a thread pool).</summary>
    private sealed class RecordingProgress : IProgress<TrainingReport>
    {
        public List<TrainingReport> Reports { get; } = new();
        public void Report(TrainingReport value) => Reports.Add(value);
    }

    [Fact]
    public void ReportsEveryIterationWithItsLossEvaluationsAndTime()
    {
        var progress = new RecordingProgress();
        var seen = new List<int>();
        var result = TrainingLoop.Run(iteration =>
        {
            seen.Add(iteration);
            Thread.Sleep(2);
            return new StepResult(Loss: 10.0 / iteration, ForwardEvaluations: 100 + iteration, BackwardEvaluations: 2 * iteration);
        }, new TrainingOptions { MaxIterations = 5, Progress = progress });

        Assert.Equal(new[] { 1, 2, 3, 4, 5 }, seen);
        Assert.Equal(StopReason.MaxIterations, result.StopReason);
        Assert.Equal(5, result.Iterations);
        Assert.Equal(result.History, progress.Reports);
        for (int k = 0; k < 5; k++)
        {
            var report = result.History[k];
            int iteration = k + 1;
            Assert.Equal(iteration, report.Iteration);
            Assert.Equal(10.0 / iteration, report.Loss);
            Assert.Equal(100 + iteration, report.ForwardEvaluations);
            Assert.Equal(2 * iteration, report.BackwardEvaluations);
            Assert.Equal(Enumerable.Range(1, iteration).Sum(i => 100 + i), report.TotalForwardEvaluations);
            Assert.Equal(Enumerable.Range(1, iteration).Sum(i => 2 * i), report.TotalBackwardEvaluations);
            Assert.True(report.IterationTime >= TimeSpan.FromMilliseconds(1), $"iteration {iteration} took {report.IterationTime}");
            Assert.True(report.Elapsed >= report.IterationTime);
            if (k > 0) Assert.True(report.Elapsed >= result.History[k - 1].Elapsed + report.IterationTime - TimeSpan.FromTicks(1));
        }
        Assert.Equal(2.0, result.FinalLoss);
        Assert.Equal(2.0, result.BestLoss);
        Assert.Equal(5, result.BestIteration);
        Assert.Equal(515, result.TotalForwardEvaluations);
        Assert.Equal(30, result.TotalBackwardEvaluations);
        Assert.True(result.Elapsed >= result.History[^1].Elapsed);
    }

    [Fact]
    public void StopsAtTheTargetLoss()
    {
        var result = TrainingLoop.Run(i => new StepResult(1.0 / i), new TrainingOptions { MaxIterations = 100, TargetLoss = 0.1 });
        Assert.Equal(StopReason.TargetLossReached, result.StopReason);
        Assert.Equal(10, result.Iterations);
        Assert.Equal(0.1, result.FinalLoss);
    }

    [Fact]
    public void StopsWhenTheLossPlateaus()
    {
        double[] losses = { 5, 4, 3, 3.5, 3.2, 3.0, 2.9999, 4 };
        var result = TrainingLoop.Run(i => new StepResult(losses[i - 1]),
            new TrainingOptions { MaxIterations = losses.Length, Patience = 3, MinImprovement = 0.01 });
        Assert.Equal(StopReason.NoImprovement, result.StopReason);
        Assert.Equal(6, result.Iterations); // 3.5, 3.2, 3.0 do not beat 3 by more than 0.01
        Assert.Equal(3, result.BestIteration);
    }

    [Fact]
    public void StopsOnANonFiniteLoss()
    {
        var result = TrainingLoop.Run(i => new StepResult(i == 3 ? double.NaN : 1.0), new TrainingOptions { MaxIterations = 10 });
        Assert.Equal(StopReason.NonFiniteLoss, result.StopReason);
        Assert.Equal(3, result.Iterations);

        var goesOn = TrainingLoop.Run(i => new StepResult(i == 3 ? double.PositiveInfinity : 1.0),
            new TrainingOptions { MaxIterations = 10, StopOnNonFiniteLoss = false });
        Assert.Equal(10, goesOn.Iterations);
    }

    [Fact]
    public void ReportsEveryNthIterationAndTheLast()
    {
        var progress = new RecordingProgress();
        var result = TrainingLoop.Run(i => new StepResult(1), new TrainingOptions { MaxIterations = 10, ReportEvery = 4, Progress = progress });
        Assert.Equal(new[] { 4, 8, 10 }, progress.Reports.Select(r => r.Iteration));
        Assert.Equal(10, result.History.Count);
    }

    [Fact]
    public void CancellationEndsTheRunWithItsHistory()
    {
        using var cancellation = new CancellationTokenSource();
        var result = TrainingLoop.Run(i =>
        {
            if (i == 4) cancellation.Cancel();
            return new StepResult(1);
        }, new TrainingOptions { MaxIterations = 10 }, cancellation.Token);
        Assert.Equal(StopReason.Cancelled, result.StopReason);
        Assert.Equal(4, result.Iterations);
    }

    [Fact]
    public void NoIterationsGiveAnEmptyResult()
    {
        var result = TrainingLoop.Run(i => throw new InvalidOperationException(), new TrainingOptions { MaxIterations = 0 });
        Assert.Empty(result.History);
        Assert.True(double.IsNaN(result.FinalLoss));
        Assert.Equal(0, result.BestIteration);
    }

    [Fact]
    public void TrainsParametersWithAnOptimizer()
    {
        double[] parameters = new double[4];
        var result = TrainingLoop.Run(parameters, new Adam(4, learningRate: 0.1),
            (p, g) => new StepResult(TestFunctions.Quadratic(p, g), ForwardEvaluations: 1, BackwardEvaluations: 1),
            new TrainingOptions { MaxIterations = 5000, TargetLoss = 1e-10 });
        Assert.Equal(StopReason.TargetLossReached, result.StopReason);
        Assert.True(result.Iterations < 5000);
        Assert.Equal(result.Iterations, result.TotalForwardEvaluations);

        // The parameters are the ones that reached the target: no step after the stopping loss.
        Assert.Equal(result.FinalLoss, TestFunctions.Quadratic(parameters, new double[4]));
        for (int i = 0; i < 4; i++) Assert.Equal(i, parameters[i], 4);
    }

    [Fact]
    public void ANonFiniteLossNeverReachesTheParameters()
    {
        double[] parameters = { 1.0 };
        var result = TrainingLoop.Run(parameters, new Sgd(1, 0.1),
            (p, g) => { g[0] = double.NaN; return new StepResult(double.NaN); });
        Assert.Equal(StopReason.NonFiniteLoss, result.StopReason);
        Assert.Equal(1.0, parameters[0]);
    }

    [Fact]
    public void OptimizerForOtherParametersIsRejected()
    {
        var e = Assert.Throws<ArgumentException>(() => TrainingLoop.Run(new double[3], new Adam(2), (p, g) => new StepResult(0)));
        Assert.Equal("optimizer", e.ParamName);
    }

    [Fact]
    public void OptionsRejectNonsense()
    {
        var options = new TrainingOptions();
        Assert.Throws<ArgumentOutOfRangeException>(() => options.MaxIterations = -1);
        Assert.Throws<ArgumentOutOfRangeException>(() => options.ReportEvery = 0);
        Assert.Throws<ArgumentOutOfRangeException>(() => options.Patience = 0);
        Assert.Throws<ArgumentOutOfRangeException>(() => options.MinImprovement = -1);
    }
}
