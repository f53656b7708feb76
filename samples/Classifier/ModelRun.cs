using System.Collections.Generic;

namespace OdeGen.Samples.Classifier;

/// <summary>What training one model produced: its row of the table and the data of the figures.</summary>
public sealed class ModelRun
{
    public required string Name { get; init; }

    public required int Parameters { get; init; }

    /// <summary>Test error in percent after each epoch.</summary>
    public List<double> TestErrors { get; } = [];

    /// <summary>Block evaluations of every training batch, forward and backward.</summary>
    public List<(double Forward, double Backward)> BatchEvaluations { get; } = [];

    /// <summary>Block evaluations per forward pass when evaluating the test set after the last epoch.</summary>
    public double TestForwardEvaluations { get; set; }

    public double PeakMemoryMegabytes { get; set; }

    /// <summary>Seconds spent in training batches (evaluation excluded).</summary>
    public double TrainSeconds { get; set; }

    /// <summary>Why training stopped early (divergence, a failed solve), or null.</summary>
    public string? Failure { get; set; }

    public double FinalTestError => TestErrors.Count > 0 ? TestErrors[^1] : double.NaN;
}
