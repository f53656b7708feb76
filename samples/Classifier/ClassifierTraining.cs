using System;
using System.Diagnostics;
using System.Globalization;
using OdeGen.Data;
using OdeGen.Training;
using Spectre.Console;

namespace OdeGen.Samples.Classifier;

/// <summary>
/// Trains one model as in Chen et al.'s MNIST experiment: SGD with momentum 0.9 on mini-batches of a shuffled epoch,
/// the learning rate set by a schedule before each epoch, the test error measured after each epoch; the gradient is
/// clipped to a largest norm, since the models have no normalization layers. The epoch line shows the mean norm
/// before clipping. One Spectre
/// progress bar per epoch; a line per epoch with the loss, the test error and the evaluations.
/// </summary>
public static class ClassifierTraining
{
    /// <summary>Trains <paramref name="model"/> on <paramref name="train"/> and evaluates it on <paramref name="test"/>.</summary>
    public static ModelRun Run(ImageClassifier model, LabeledImages train, LabeledImages test, ClassifierOptions options)
    {
        var memory = new PeakMemory();
        var theta = model.Initialize(new Random(options.Seed));
        var gradient = new double[theta.Length];
        var optimizer = new Sgd(theta.Length, options.LearningRate, options.Momentum);
        var schedule = options.CreateSchedule();
        var batches = new MiniBatches(train.Count, options.BatchSize, options.Seed);
        var run = new ModelRun { Name = model.Name, Parameters = model.TrainedParameters };
        var clock = new Stopwatch();

        AnsiConsole.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(),
                     new ElapsedTimeColumn(), new RemainingTimeColumn())
            .Start(context =>
            {
                try
                {
                    Epochs(context);
                }
                catch (Exception e) when (e is DivergedException or OdeSolverException)
                {
                    // One model failing leaves the others' rows: the table says which one and why.
                    clock.Stop();
                    run.Failure = e.Message;
                    AnsiConsole.WriteLine($"{model.Name}: {e.Message}");
                }
            });

        void Epochs(ProgressContext context)
        {
            for (int epoch = 0; epoch < options.Epochs; epoch++)
            {
                optimizer.LearningRate = schedule.At(epoch);
                var epochBatches = batches.NextEpoch();
                var task = context.AddTask(Describe(model.Name, epoch, options.Epochs, double.NaN), maxValue: epochBatches.Count);
                double lossSum = 0, normSum = 0;
                for (int b = 0; b < epochBatches.Count; b++)
                {
                    int[] indices = epochBatches[b].ToArray();
                    clock.Start();
                    var step = model.Gradient(train, indices, theta, gradient, b == 0 ? memory.Probe : null);
                    if (!double.IsFinite(step.Loss))
                        throw new DivergedException(
                            $"the loss is {step.Loss} in epoch {epoch + 1}, batch {b + 1}: the training diverged (try a smaller --lr).");
                    normSum += GradientClipping.ClipByNorm(gradient, options.Clip);
                    optimizer.Step(theta, gradient);
                    if (!Array.TrueForAll(theta, double.IsFinite))
                        throw new DivergedException($"a parameter is not finite after epoch {epoch + 1}, batch {b + 1}: the training diverged (try a smaller --lr).");
                    clock.Stop();
                    lossSum += step.Loss;
                    run.BatchEvaluations.Add((step.ForwardEvaluations, step.BackwardEvaluations));
                    task.Description = Describe(model.Name, epoch, options.Epochs, lossSum / (b + 1));
                    task.Increment(1);
                }
                task.StopTask();

                var (score, nfe) = Evaluate(model, test, theta, options.BatchSize);
                run.TestErrors.Add(100 * score.ErrorRate);
                run.TestForwardEvaluations = nfe;
                var (forward, backward) = run.BatchEvaluations[^1];
                AnsiConsole.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    // Under 80 columns: Spectre wraps longer lines at the width it assumes for redirected output.
                    $"{model.Name,-7} epoch {epoch + 1,2} lr {optimizer.LearningRate:G3} loss {lossSum / epochBatches.Count:F4} |g| {normSum / epochBatches.Count:F2} test error {100 * score.ErrorRate:F2}% nfe {forward:F0}+{backward:F0}"));
            }
        }

        run.TrainSeconds = clock.Elapsed.TotalSeconds;
        run.PeakMemoryMegabytes = memory.PeakMegabytes;
        return run;
    }

    /// <summary>The test set in batches; the mean forward evaluations per batch.</summary>
    public static (ClassificationScore Score, double ForwardEvaluations) Evaluate(ImageClassifier model, LabeledImages test, double[] theta, int batchSize)
    {
        double nfe = 0;
        int batches = 0;
        var score = Classification.Evaluate(test.Labels, Architecture.Classes, batchSize, (indices, logits) =>
        {
            var output = new double[logits.Length];
            nfe += model.Logits(test, indices.ToArray(), theta, output);
            batches++;
            output.CopyTo(logits);
        });
        return (score, nfe / batches);
    }

    private sealed class DivergedException(string message) : Exception(message);

    private static string Describe(string name, int epoch, int epochs, double loss) =>
        string.Create(CultureInfo.InvariantCulture, $"{name,-7} epoch {epoch + 1}/{epochs}  loss {loss:F4}");
}
