using System;

namespace OdeGen.Training;

/// <summary>
/// RMSprop (Tieleman &amp; Hinton 2012, COURSERA "Neural Networks for Machine Learning", lecture 6.5): the gradient
/// divided by a running root mean square of recent gradients, <c>v ← αv + (1 − α)g²</c>,
/// <c>θ ← θ − lr · g / (√v + ε)</c>. Follows PyTorch's <c>torch.optim.RMSprop</c>: defaults lr = 1e-2, α = 0.99,
/// ε = 1e-8, optional momentum (<c>b ← μb + g / (√v + ε)</c>, <c>θ ← θ − lr · b</c>) and the centered variant
/// (Graves 2013), which divides by an estimate of the variance <c>v − ḡ²</c> instead.
/// </summary>
public sealed class RmsProp : Optimizer
{
    private readonly double[] _squareAverage;
    private readonly double[]? _momentumBuffer;
    private readonly double[]? _gradientAverage;

    /// <summary>RMSprop for <paramref name="parameterCount"/> parameters.</summary>
    /// <param name="parameterCount">Length of the parameter vector.</param>
    /// <param name="learningRate">Step size.</param>
    /// <param name="alpha">Smoothing constant α of the squared-gradient average, in [0, 1).</param>
    /// <param name="epsilon">ε added to the root mean square, positive.</param>
    /// <param name="momentum">Momentum factor μ, in [0, 1); 0 for none.</param>
    /// <param name="centered">Normalise by the estimated variance rather than the uncentered second moment.</param>
    /// <exception cref="ArgumentOutOfRangeException">An argument is outside its range.</exception>
    public RmsProp(int parameterCount, double learningRate = 1e-2, double alpha = 0.99, double epsilon = 1e-8,
                   double momentum = 0, bool centered = false)
        : base(parameterCount, learningRate)
    {
        Alpha = CheckDecayRate(alpha, nameof(alpha));
        if (!(epsilon > 0) || !double.IsFinite(epsilon)) throw new ArgumentOutOfRangeException(nameof(epsilon), epsilon, "Must be positive.");
        Epsilon = epsilon;
        Momentum = CheckDecayRate(momentum, nameof(momentum));
        Centered = centered;
        _squareAverage = new double[parameterCount];
        _momentumBuffer = momentum > 0 ? new double[parameterCount] : null;
        _gradientAverage = centered ? new double[parameterCount] : null;
    }

    /// <summary>Smoothing constant α.</summary>
    public double Alpha { get; }

    /// <summary>ε added to the denominator.</summary>
    public double Epsilon { get; }

    /// <summary>Momentum factor μ (0: none).</summary>
    public double Momentum { get; }

    /// <summary>Whether the centered variant is used.</summary>
    public bool Centered { get; }

    /// <inheritdoc/>
    protected override void Update(Span<double> parameters, ReadOnlySpan<double> gradient, long step)
    {
        double lr = LearningRate;
        for (int i = 0; i < parameters.Length; i++)
        {
            double g = DecayedGradient(parameters, gradient, i);
            double v = _squareAverage[i] = Alpha * _squareAverage[i] + (1 - Alpha) * g * g;
            if (_gradientAverage is not null)
            {
                double mean = _gradientAverage[i] = Alpha * _gradientAverage[i] + (1 - Alpha) * g;
                v = Math.Max(v - mean * mean, 0); // non-negative in exact arithmetic; rounding must not make it NaN
            }
            double scaled = g / (Math.Sqrt(v) + Epsilon);
            if (_momentumBuffer is not null)
                scaled = _momentumBuffer[i] = Momentum * _momentumBuffer[i] + scaled;
            parameters[i] -= lr * scaled;
        }
    }

    /// <inheritdoc/>
    protected override void ResetState()
    {
        Array.Clear(_squareAverage);
        if (_momentumBuffer is not null) Array.Clear(_momentumBuffer);
        if (_gradientAverage is not null) Array.Clear(_gradientAverage);
    }
}
