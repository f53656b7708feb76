using System;

namespace OdeGen.Training;

/// <summary>
/// One training iteration written by the user: compute the loss, its gradient and update the parameters.
/// <paramref name="iteration"/> counts from 1.
/// </summary>
public delegate StepResult TrainingStep(int iteration);

/// <summary>
/// The loss at <paramref name="parameters"/> with its gradient written into <paramref name="gradient"/>
/// (overwritten, same length), for <see cref="TrainingLoop.Run(double[], IOptimizer, LossAndGradient, TrainingOptions?, System.Threading.CancellationToken)"/>,
/// which then lets the optimizer take the step.
/// </summary>
public delegate StepResult LossAndGradient(ReadOnlySpan<double> parameters, Span<double> gradient);
