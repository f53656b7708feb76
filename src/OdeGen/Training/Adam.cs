using System;

namespace OdeGen.Training;

/// <summary>
/// Adam (Kingma &amp; Ba 2015, "Adam: A Method for Stochastic Optimization", ICLR, Algorithm 1): exponential moving
/// averages of the gradient and of its square, bias-corrected, give a per-parameter step
/// <c>θ ← θ − α m̂ / (√v̂ + ε)</c> with <c>m̂ = m / (1 − β₁ᵗ)</c> and <c>v̂ = v / (1 − β₂ᵗ)</c>.
/// Defaults are the paper's (and PyTorch's): α = 1e-3, β₁ = 0.9, β₂ = 0.999, ε = 1e-8.
/// </summary>
public sealed class Adam : Optimizer
{
    private readonly double[] _m;
    private readonly double[] _v;

    /// <summary>Adam for <paramref name="parameterCount"/> parameters.</summary>
    /// <param name="parameterCount">Length of the parameter vector.</param>
    /// <param name="learningRate">Step size α.</param>
    /// <param name="beta1">Decay rate β₁ of the first-moment average, in [0, 1).</param>
    /// <param name="beta2">Decay rate β₂ of the second-moment average, in [0, 1).</param>
    /// <param name="epsilon">ε added to √v̂, positive.</param>
    /// <exception cref="ArgumentOutOfRangeException">An argument is outside its range.</exception>
    public Adam(int parameterCount, double learningRate = 1e-3, double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-8)
        : base(parameterCount, learningRate)
    {
        Beta1 = CheckDecayRate(beta1, nameof(beta1));
        Beta2 = CheckDecayRate(beta2, nameof(beta2));
        if (!(epsilon > 0) || !double.IsFinite(epsilon)) throw new ArgumentOutOfRangeException(nameof(epsilon), epsilon, "Must be positive.");
        Epsilon = epsilon;
        _m = new double[parameterCount];
        _v = new double[parameterCount];
    }

    /// <summary>Decay rate β₁ of the first-moment (mean) estimate.</summary>
    public double Beta1 { get; }

    /// <summary>Decay rate β₂ of the second-moment (uncentered variance) estimate.</summary>
    public double Beta2 { get; }

    /// <summary>ε, keeping the denominator away from 0.</summary>
    public double Epsilon { get; }

    /// <summary>The biased first-moment estimate m.</summary>
    public ReadOnlySpan<double> FirstMoment => _m;

    /// <summary>The biased second-moment estimate v.</summary>
    public ReadOnlySpan<double> SecondMoment => _v;

    /// <inheritdoc/>
    protected override void Update(Span<double> parameters, ReadOnlySpan<double> gradient, long step)
    {
        // Bias corrections 1 − βᵗ: the averages start at 0, so early estimates are scaled up (Sect. 3 of the paper).
        double correction1 = 1 - Math.Pow(Beta1, step);
        double correction2 = 1 - Math.Pow(Beta2, step);
        double alpha = LearningRate;
        for (int i = 0; i < parameters.Length; i++)
        {
            double g = DecayedGradient(parameters, gradient, i);
            _m[i] = Beta1 * _m[i] + (1 - Beta1) * g;
            _v[i] = Beta2 * _v[i] + (1 - Beta2) * g * g;
            double mHat = _m[i] / correction1;
            double vHat = _v[i] / correction2;
            parameters[i] -= alpha * mHat / (Math.Sqrt(vHat) + Epsilon);
        }
    }

    /// <inheritdoc/>
    protected override void ResetState()
    {
        Array.Clear(_m);
        Array.Clear(_v);
    }
}
