namespace OdeGen.Training;

/// <summary>Why a training run ended.</summary>
public enum StopReason
{
    /// <summary><see cref="TrainingOptions.MaxIterations"/> iterations ran.</summary>
    MaxIterations,

    /// <summary>The loss reached <see cref="TrainingOptions.TargetLoss"/>.</summary>
    TargetLossReached,

    /// <summary>The best loss did not improve for <see cref="TrainingOptions.Patience"/> iterations.</summary>
    NoImprovement,

    /// <summary>The loss was NaN or infinite (with <see cref="TrainingOptions.StopOnNonFiniteLoss"/>).</summary>
    NonFiniteLoss,

    /// <summary>The cancellation token was signalled; the result holds the iterations run so far.</summary>
    Cancelled,
}
