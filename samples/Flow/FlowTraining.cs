using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using OdeGen.Flows;
using OdeGen.Training;
using Spectre.Console;

namespace OdeGen.Samples.Flow;

/// <summary>One line of the training history: the iteration, its batch NLL and its evaluations.</summary>
public sealed record FlowStep(int Iteration, double Loss, int ForwardEvaluations, int BackwardEvaluations, double Seconds);

/// <summary>
/// Trains the flow as FFJORD and torchdiffeq's cnf.py do: each iteration draws a batch of training points, takes the
/// gradient of its mean negative log-likelihood through the adjoint, and steps Adam. A Spectre progress bar shows the
/// iteration, the running loss and the evaluations per pass.
/// </summary>
public static class FlowTraining
{
    public static List<FlowStep> Run(ContinuousNormalizingFlow<FlowMlp.DynamicsSystem> flow, PointData data, double[] p, FlowOptions options)
    {
        var random = new Random(options.Seed);
        var train = data.Standardize(data.Train);
        int count = train.Length / 2;
        var optimizer = new Adam(p.Length, learningRate: options.LearningRate);
        var batch = new double[2 * options.Batch];
        var history = new List<FlowStep>();
        var clock = Stopwatch.StartNew();
        double running = double.NaN;
        AnsiConsole.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(),
                     new ElapsedTimeColumn(), new RemainingTimeColumn())
            .Start(context =>
            {
                var task = context.AddTask("training", maxValue: options.Iterations);
                for (int iteration = 1; iteration <= options.Iterations; iteration++)
                {
                    for (int b = 0; b < options.Batch; b++)
                    {
                        int k = random.Next(count);
                        batch[2 * b] = train[2 * k];
                        batch[2 * b + 1] = train[2 * k + 1];
                    }
                    var loss = flow.NegativeLogLikelihood(batch, p, random);
                    optimizer.Step(p, loss.Gradient);
                    // The NLL in the data's units: the standardization's log-scale is added back.
                    double nll = loss.Value + data.LogScale;
                    running = double.IsNaN(running) ? nll : 0.98 * running + 0.02 * nll;
                    history.Add(new FlowStep(iteration, nll, loss.ForwardStats.Nfe, loss.BackwardStats.Nfe, clock.Elapsed.TotalSeconds));
                    task.Description = string.Create(CultureInfo.InvariantCulture,
                        $"iter {iteration}  NLL {running:F3}  nfe {loss.ForwardStats.Nfe}+{loss.BackwardStats.Nfe}");
                    task.Value = iteration;
                }
                task.StopTask();
            });
        return history;
    }

    /// <summary>The mean test NLL in nats (exact trace), in batches.</summary>
    public static double TestNll(ContinuousNormalizingFlow<FlowMlp.DynamicsSystem> flow, PointData data, double[] p, int batch = 1000)
    {
        var test = data.Standardize(data.Test);
        int count = test.Length / 2;
        double sum = 0;
        for (int start = 0; start < count; start += batch)
        {
            int n = Math.Min(batch, count - start);
            foreach (double logDensity in flow.LogDensity(test.AsSpan(2 * start, 2 * n), p)) sum -= logDensity;
        }
        return sum / count + data.LogScale;
    }
}
