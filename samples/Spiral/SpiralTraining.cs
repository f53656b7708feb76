using System;
using System.Collections.Generic;
using System.Globalization;
using OdeGen.Training;
using Spectre.Console;

namespace OdeGen.Samples.Spiral;

/// <summary>
/// Trains the model as torchdiffeq's demo does: each iteration draws a batch of windows, takes the gradient of their
/// mean absolute error through the solver with an adjoint method, and steps RMSprop (learning rate 1e-3). A Spectre
/// progress bar shows the iteration, the batch loss and the evaluations; every <c>iterations / 20</c> iterations a
/// line gives the batch loss and the loss of the whole learned trajectory.
/// </summary>
public static class SpiralTraining
{
    /// <summary>Lines of loss printed over a run.</summary>
    public const int Lines = 20;

    /// <summary>Trains <paramref name="p"/> in place; <paramref name="checkpoints"/> receives (iteration, trajectory loss) at each printed line.</summary>
    public static TrainingResult Run(SpiralData data, double[] p, SpiralOptions options, List<(int Iteration, double Loss)> checkpoints)
    {
        var batch = new WindowBatch(data);
        var sampler = new WindowSampler(new Random(options.Seed));
        var method = options.CreateMethod();
        var optimizer = new RmsProp(p.Length, learningRate: 1e-3);
        int printEvery = Math.Max(1, options.Iterations / Lines);

        TrainingResult result = null!;
        AnsiConsole.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(),
                     new ElapsedTimeColumn(), new RemainingTimeColumn())
            .Start(context =>
            {
                var task = context.AddTask(Describe(0, double.NaN, 0, 0), maxValue: options.Iterations);
                var progress = new Reporter(report =>
                {
                    task.Description = Describe(report.Iteration, report.Loss, report.TotalForwardEvaluations, report.TotalBackwardEvaluations);
                    task.Value = report.Iteration;
                    if (report.Iteration % printEvery == 0 || report.Iteration == options.Iterations)
                    {
                        double total = LearnedTrajectory.Loss(data, LearnedTrajectory.Predict(data, p));
                        checkpoints.Add((report.Iteration, total));
                        // Under 80 columns: Spectre wraps longer lines at the width it assumes for redirected output.
                        AnsiConsole.WriteLine(string.Create(CultureInfo.InvariantCulture,
                            $"iter {report.Iteration,6}  batch {report.Loss:F6}  trajectory {total:F6}  nfe {report.ForwardEvaluations,3}+{report.BackwardEvaluations,-4} {report.Elapsed.TotalSeconds,6:F1} s"));
                    }
                });
                result = TrainingLoop.Run(p, optimizer, (parameters, gradient) =>
                {
                    batch.SetStarts(sampler.Next());
                    return batch.Gradient(parameters, gradient, method);
                }, new TrainingOptions { MaxIterations = options.Iterations, Progress = progress });
                task.StopTask();
            });
        return result;
    }

    private static string Describe(int iteration, double loss, long forward, long backward)
        => string.Create(CultureInfo.InvariantCulture, $"iter {iteration}  loss {loss:F4}  nfe {forward}+{backward}");

    /// <summary>Reports synchronously on the training thread (<see cref="Progress{T}"/> would post to the thread pool).</summary>
    private sealed class Reporter(Action<TrainingReport> report) : IProgress<TrainingReport>
    {
        public void Report(TrainingReport value) => report(value);
    }
}
