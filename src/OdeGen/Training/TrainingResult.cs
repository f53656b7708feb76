using System;
using System.Collections.Generic;

namespace OdeGen.Training;

/// <summary>The outcome of a training run: every iteration's report and why it stopped.</summary>
public sealed class TrainingResult
{
    internal TrainingResult(IReadOnlyList<TrainingReport> history, StopReason stopReason, TimeSpan elapsed)
    {
        History = history;
        StopReason = stopReason;
        Elapsed = elapsed;
        BestIteration = 0;
        BestLoss = double.NaN;
        foreach (var report in history)
        {
            if (double.IsNaN(BestLoss) || report.Loss < BestLoss)
            {
                BestLoss = report.Loss;
                BestIteration = report.Iteration;
            }
        }
    }

    /// <summary>One report per iteration run, in order.</summary>
    public IReadOnlyList<TrainingReport> History { get; }

    /// <summary>Why the run ended.</summary>
    public StopReason StopReason { get; }

    /// <summary>Wall-clock time of the whole run.</summary>
    public TimeSpan Elapsed { get; }

    /// <summary>The number of iterations run.</summary>
    public int Iterations => History.Count;

    /// <summary>The last iteration's loss; NaN when none ran.</summary>
    public double FinalLoss => History.Count == 0 ? double.NaN : History[^1].Loss;

    /// <summary>The smallest loss seen; NaN when none ran.</summary>
    public double BestLoss { get; }

    /// <summary>The iteration with <see cref="BestLoss"/> (the first such); 0 when none ran.</summary>
    public int BestIteration { get; }

    /// <summary>Forward-pass evaluations over the run.</summary>
    public long TotalForwardEvaluations => History.Count == 0 ? 0 : History[^1].TotalForwardEvaluations;

    /// <summary>Backward-pass evaluations over the run.</summary>
    public long TotalBackwardEvaluations => History.Count == 0 ? 0 : History[^1].TotalBackwardEvaluations;
}
