namespace OdeGen;

/// <summary>
/// How <see cref="Sensitivity.Gradient{TSystem}"/> differentiates through a solve: <see cref="BacksolveAdjoint"/>,
/// <see cref="InterpolatingAdjoint"/>, <see cref="ForwardSensitivity"/> or <see cref="DiscreteAdjoint"/>.
/// Each is a strategy over the same solvers; its XML doc states its memory and accuracy trade-off.
/// </summary>
public abstract class SensitivityMethod
{
    private protected SensitivityMethod() { }

    /// <summary>Short name used in messages, e.g. <c>"BacksolveAdjoint"</c>.</summary>
    public abstract string Name { get; }

    /// <inheritdoc />
    public override string ToString() => Name;

    /// <summary>Computes the gradient; the problem is validated. Generic so the JIT specializes the hot loops for the system.</summary>
    internal abstract GradientResult Compute<TSystem>(GradientProblem<TSystem> problem) where TSystem : IOdeSystem;
}
