using System;

namespace OdeGen.Training;

/// <summary>
/// The shared part of the optimizers: argument checks, the step count, the learning rate and an optional L2
/// weight decay (added to the gradient as <c>λθ</c>, as PyTorch's <c>weight_decay</c>). A subclass allocates its
/// state once in its constructor and implements <see cref="Update"/> and <see cref="ResetState"/>.
/// </summary>
public abstract class Optimizer : IOptimizer
{
    private double _learningRate;
    private double _weightDecay;

    /// <summary>An optimizer for <paramref name="parameterCount"/> parameters.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A count or rate is negative or not finite.</exception>
    protected Optimizer(int parameterCount, double learningRate)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(parameterCount);
        ParameterCount = parameterCount;
        LearningRate = learningRate;
    }

    /// <inheritdoc/>
    public int ParameterCount { get; }

    /// <inheritdoc/>
    public double LearningRate
    {
        get => _learningRate;
        set => _learningRate = CheckNonNegative(value, nameof(LearningRate));
    }

    /// <summary>L2 penalty coefficient λ: the gradient used is <c>g + λθ</c>. Default 0.</summary>
    public double WeightDecay
    {
        get => _weightDecay;
        set => _weightDecay = CheckNonNegative(value, nameof(WeightDecay));
    }

    /// <inheritdoc/>
    public long StepCount { get; private set; }

    /// <inheritdoc/>
    public void Step(Span<double> parameters, ReadOnlySpan<double> gradient)
    {
        if (parameters.Length != ParameterCount)
            throw new ArgumentException($"Expected {ParameterCount} parameters, got {parameters.Length}.", nameof(parameters));
        if (gradient.Length != ParameterCount)
            throw new ArgumentException($"Expected a gradient of length {ParameterCount}, got {gradient.Length}.", nameof(gradient));
        StepCount++;
        Update(parameters, gradient, StepCount);
    }

    /// <inheritdoc/>
    public void Reset()
    {
        StepCount = 0;
        ResetState();
    }

    /// <summary>
    /// The update rule, with lengths already checked. <paramref name="step"/> is 1 on the first call after
    /// construction or <see cref="Reset"/>. Must not allocate.
    /// </summary>
    protected abstract void Update(Span<double> parameters, ReadOnlySpan<double> gradient, long step);

    /// <summary>Clears the per-parameter state.</summary>
    protected abstract void ResetState();

    /// <summary>The gradient with weight decay: <c>g_i + λθ_i</c>.</summary>
    protected double DecayedGradient(Span<double> parameters, ReadOnlySpan<double> gradient, int i) =>
        _weightDecay == 0 ? gradient[i] : gradient[i] + _weightDecay * parameters[i];

    /// <summary>Throws unless <paramref name="value"/> is finite and at least 0.</summary>
    protected static double CheckNonNegative(double value, string name)
    {
        if (!double.IsFinite(value) || value < 0)
            throw new ArgumentOutOfRangeException(name, value, "Must be finite and non-negative.");
        return value;
    }

    /// <summary>Throws unless 0 &lt;= <paramref name="value"/> &lt; 1.</summary>
    protected static double CheckDecayRate(double value, string name)
    {
        if (!(value >= 0 && value < 1))
            throw new ArgumentOutOfRangeException(name, value, "Must be in [0, 1).");
        return value;
    }
}
