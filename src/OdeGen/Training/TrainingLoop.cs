using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Threading;

namespace OdeGen.Training;

/// <summary>
/// Runs training iterations, timing each, recording a <see cref="TrainingReport"/> per iteration, reporting progress
/// and stopping early on a target loss, a plateau or a non-finite loss.
/// </summary>
public static class TrainingLoop
{
    /// <summary>
    /// Runs <paramref name="step"/> (which computes the loss and updates the parameters itself) for iterations
    /// 1, 2, … until a stopping rule of <paramref name="options"/> fires.
    /// </summary>
    /// <param name="step">One iteration; returns its loss and evaluation counts.</param>
    /// <param name="options">Stopping rules and progress reporting; defaults when null.</param>
    /// <param name="cancellationToken">Checked before each iteration; when signalled the run ends with
    /// <see cref="StopReason.Cancelled"/> and the history so far.</param>
    public static TrainingResult Run(TrainingStep step, TrainingOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(step);
        return RunCore(step, proceed: null, options ?? new TrainingOptions(), cancellationToken);
    }

    /// <summary>
    /// Gradient-based training of <paramref name="parameters"/> in place: each iteration calls
    /// <paramref name="lossAndGradient"/> at the current parameters and, unless a stopping rule fires on that loss,
    /// lets <paramref name="optimizer"/> take a step. So after a <see cref="StopReason.TargetLossReached"/> stop the
    /// parameters are the ones that reached the target, and a non-finite loss never reaches them; after
    /// <see cref="StopReason.MaxIterations"/> they have taken one step past the last reported loss. The gradient
    /// buffer is allocated once.
    /// </summary>
    /// <param name="parameters">The parameters, updated in place.</param>
    /// <param name="optimizer">The update rule; its <see cref="IOptimizer.ParameterCount"/> must be the parameters' length.</param>
    /// <param name="lossAndGradient">The loss at the given parameters and its gradient.</param>
    /// <param name="options">Stopping rules and progress reporting; defaults when null.</param>
    /// <param name="cancellationToken">Checked before each iteration.</param>
    /// <exception cref="ArgumentException">The optimizer is for a different number of parameters.</exception>
    public static TrainingResult Run(double[] parameters, IOptimizer optimizer, LossAndGradient lossAndGradient,
                                     TrainingOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(optimizer);
        ArgumentNullException.ThrowIfNull(lossAndGradient);
        if (optimizer.ParameterCount != parameters.Length)
            throw new ArgumentException($"The optimizer is for {optimizer.ParameterCount} parameters, not {parameters.Length}.", nameof(optimizer));
        options ??= new TrainingOptions();

        var gradient = new double[parameters.Length];
        return RunCore(_ => lossAndGradient(parameters, gradient), () => optimizer.Step(parameters, gradient), options, cancellationToken);
    }

    /// <summary>
    /// The loop: <paramref name="step"/>, then the stopping rules on its loss, then <paramref name="proceed"/> only
    /// when the run goes on; the iteration's time covers both.
    /// </summary>
    private static TrainingResult RunCore(TrainingStep step, Action? proceed, TrainingOptions options, CancellationToken cancellationToken)
    {
        var history = new List<TrainingReport>();
        long start = Stopwatch.GetTimestamp();
        var reason = StopReason.MaxIterations;
        var plateau = new PlateauTracker(options);
        long totalForward = 0, totalBackward = 0;

        for (int iteration = 1; iteration <= options.MaxIterations; iteration++)
        {
            if (cancellationToken.IsCancellationRequested)
            {
                reason = StopReason.Cancelled;
                break;
            }
            long iterationStart = Stopwatch.GetTimestamp();
            StepResult result = step(iteration);
            StopReason? stop = ShouldStop(result.Loss, options, ref plateau);
            if (stop is null) proceed?.Invoke();
            long now = Stopwatch.GetTimestamp();

            totalForward += result.ForwardEvaluations;
            totalBackward += result.BackwardEvaluations;
            var report = new TrainingReport(iteration, result.Loss, result.ForwardEvaluations, result.BackwardEvaluations,
                                            totalForward, totalBackward,
                                            Stopwatch.GetElapsedTime(iterationStart, now), Stopwatch.GetElapsedTime(start, now));
            history.Add(report);

            bool last = stop is not null || iteration == options.MaxIterations;
            if (options.Progress is not null && (last || iteration % options.ReportEvery == 0))
                options.Progress.Report(report);
            if (stop is not null)
            {
                reason = stop.Value;
                break;
            }
        }
        return new TrainingResult(history, reason, Stopwatch.GetElapsedTime(start));
    }

    private static StopReason? ShouldStop(double loss, TrainingOptions options, ref PlateauTracker tracker)
    {
        if (!double.IsFinite(loss) && options.StopOnNonFiniteLoss) return StopReason.NonFiniteLoss;
        if (options.TargetLoss is double target && loss <= target) return StopReason.TargetLossReached;
        if (tracker.Observe(loss)) return StopReason.NoImprovement;
        return null;
    }

    /// <summary>Counts iterations since the best loss last improved by more than the minimum.</summary>
    private struct PlateauTracker(TrainingOptions options)
    {
        private readonly int? _patience = options.Patience;
        private readonly double _minImprovement = options.MinImprovement;
        private double _best = double.PositiveInfinity;
        private int _sinceImprovement;

        /// <summary>Records a loss; true when the patience has run out.</summary>
        public bool Observe(double loss)
        {
            if (loss < _best - _minImprovement)
            {
                _best = loss;
                _sinceImprovement = 0;
                return false;
            }
            _sinceImprovement++;
            return _patience is int patience && _sinceImprovement >= patience;
        }
    }
}
