using System;

namespace OdeGen.Training;

/// <summary>One iteration of a training run, as reported to <see cref="TrainingOptions.Progress"/> and kept in
/// <see cref="TrainingResult.History"/>.</summary>
/// <param name="Iteration">The iteration, counting from 1.</param>
/// <param name="Loss">Its loss.</param>
/// <param name="ForwardEvaluations">Forward-pass evaluations in this iteration.</param>
/// <param name="BackwardEvaluations">Backward-pass evaluations in this iteration.</param>
/// <param name="TotalForwardEvaluations">Forward-pass evaluations up to and including this iteration.</param>
/// <param name="TotalBackwardEvaluations">Backward-pass evaluations up to and including this iteration.</param>
/// <param name="IterationTime">Wall-clock time of this iteration.</param>
/// <param name="Elapsed">Wall-clock time since the run started.</param>
public sealed record TrainingReport(
    int Iteration,
    double Loss,
    long ForwardEvaluations,
    long BackwardEvaluations,
    long TotalForwardEvaluations,
    long TotalBackwardEvaluations,
    TimeSpan IterationTime,
    TimeSpan Elapsed);
