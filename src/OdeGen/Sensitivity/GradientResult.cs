using System;

namespace OdeGen;

/// <summary>
/// The gradient of a loss <c>L = Σ_k ℓ_k(y(t_k))</c> through an ODE solve with respect to every input of the solve:
/// the initial state, the parameters, the start time and each observation time; the forward states at the
/// observation times (the prediction the loss needs); and the work done by each pass.
/// </summary>
public sealed class GradientResult
{
    private readonly double[] _states;

    internal GradientResult(int stateSize, int parameterSize, int observations)
    {
        StateSize = stateSize;
        Count = observations;
        Y0 = new double[stateSize];
        P = new double[parameterSize];
        Times = new double[observations];
        _states = new double[observations * stateSize];
    }

    /// <summary><c>dL/dy0</c>.</summary>
    public double[] Y0 { get; }

    /// <summary><c>dL/dp</c>.</summary>
    public double[] P { get; }

    /// <summary><c>dL/dt0</c>, the sensitivity to the start time (observation times held fixed).</summary>
    public double T0 { get; internal set; }

    /// <summary><c>dL/dt_k = dL/dy(t_k) · f(t_k, y(t_k))</c> for each observation time.</summary>
    public double[] Times { get; }

    /// <summary>Length of each state.</summary>
    public int StateSize { get; }

    /// <summary>Number of observation times.</summary>
    public int Count { get; }

    /// <summary>
    /// Work of the forward pass: right-hand-side evaluations (for <see cref="ForwardSensitivity"/>, evaluations of the
    /// augmented system, each one JVP per sensitivity direction), Jacobians, factorizations, steps.
    /// </summary>
    public SolverStats ForwardStats { get; internal set; }

    /// <summary>
    /// Work of the backward pass, summed over its segments: evaluations of the adjoint system (one generated
    /// <see cref="IOdeSystem.Vjp"/> each), including any recomputation of checkpointed forward segments and, for
    /// <see cref="DiscreteAdjoint"/>, the stage recomputations. Zero for <see cref="ForwardSensitivity"/>.
    /// </summary>
    public SolverStats BackwardStats { get; internal set; }

    /// <summary>The forward solution <c>y(t_k)</c> at observation <paramref name="k"/>, as passed to the <see cref="LossGradient"/>.</summary>
    public ReadOnlySpan<double> States(int k)
    {
        if ((uint)k >= (uint)Count) throw new ArgumentOutOfRangeException(nameof(k), $"k = {k} is outside 0..{Count - 1}.");
        return _states.AsSpan(k * StateSize, StateSize);
    }

    internal Span<double> StateSlot(int k) => _states.AsSpan(k * StateSize, StateSize);
}
