namespace OdeGen;

/// <summary>Why a solve stopped before <c>t1</c>.</summary>
public enum OdeSolverFailure
{
    /// <summary>The step size fell below what the floating-point time can resolve (typically a singularity or extreme stiffness).</summary>
    StepSizeTooSmall,

    /// <summary><see cref="SolverOptions.MaxSteps"/> step attempts were made.</summary>
    MaxStepsExceeded,

    /// <summary>The state became NaN or infinite.</summary>
    NonFiniteState,
}
