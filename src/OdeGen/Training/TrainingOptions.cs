using System;

namespace OdeGen.Training;

/// <summary>How long a <see cref="TrainingLoop"/> runs and whom it tells.</summary>
public sealed class TrainingOptions
{
    private int _maxIterations = 1000;
    private int _reportEvery = 1;
    private int? _patience;
    private double _minImprovement;

    /// <summary>The most iterations to run; default 1000.</summary>
    public int MaxIterations
    {
        get => _maxIterations;
        set => _maxIterations = value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(MaxIterations), value, "Must be non-negative.");
    }

    /// <summary>Stop as soon as the loss is at most this (early stopping); null (default) to run on.</summary>
    public double? TargetLoss { get; set; }

    /// <summary>
    /// Stop when the best loss has not improved by more than <see cref="MinImprovement"/> for this many
    /// iterations; null (default) never.
    /// </summary>
    public int? Patience
    {
        get => _patience;
        set => _patience = value is null or >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(Patience), value, "Must be at least 1.");
    }

    /// <summary>The decrease of the best loss that counts as an improvement for <see cref="Patience"/>; default 0.</summary>
    public double MinImprovement
    {
        get => _minImprovement;
        set => _minImprovement = value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(MinImprovement), value, "Must be non-negative.");
    }

    /// <summary>Stop when the loss is NaN or infinite; default true.</summary>
    public bool StopOnNonFiniteLoss { get; set; } = true;

    /// <summary>Receives a <see cref="TrainingReport"/> every <see cref="ReportEvery"/> iterations and for the last one.</summary>
    public IProgress<TrainingReport>? Progress { get; set; }

    /// <summary>Report every this many iterations (the history keeps them all); default 1.</summary>
    public int ReportEvery
    {
        get => _reportEvery;
        set => _reportEvery = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(ReportEvery), value, "Must be at least 1.");
    }
}
