using System;

namespace OdeGen.Training;

/// <summary>
/// Random initialisation of a dense layer's <c>fanIn x fanOut</c> weight matrix, written into a span (typically a
/// slice of the flat parameter vector). Entries are independent, so the matrix's layout does not matter; only its
/// size, <c>fanIn * fanOut</c>, is checked. Seeded through the <see cref="Random"/> passed in, so
/// <c>new Random(seed)</c> gives the same weights every run.
/// </summary>
public static class Initialization
{
    /// <summary>√2, the gain for ReLU layers (He et al. 2015) and the default of the He initialisations.</summary>
    public const double ReluGain = 1.4142135623730951;

    /// <summary>
    /// Glorot (Xavier) uniform (Glorot &amp; Bengio 2010, "Understanding the difficulty of training deep feedforward
    /// neural networks", AISTATS, eq. 16): <c>U(−a, a)</c> with <c>a = gain · √(6 / (fanIn + fanOut))</c>, i.e.
    /// variance <c>gain² · 2 / (fanIn + fanOut)</c>, which keeps activations' and gradients' variances alike across
    /// tanh layers.
    /// </summary>
    /// <exception cref="ArgumentException">The span's length is not <c>fanIn * fanOut</c>, or a fan is less than 1.</exception>
    public static void GlorotUniform(Span<double> weights, int fanIn, int fanOut, Random random, double gain = 1)
    {
        CheckArguments(weights, fanIn, fanOut, random, gain);
        Uniform(weights, gain * Math.Sqrt(6.0 / (fanIn + fanOut)), random);
    }

    /// <summary>
    /// Glorot (Xavier) normal (Glorot &amp; Bengio 2010): <c>N(0, σ²)</c> with <c>σ = gain · √(2 / (fanIn + fanOut))</c>,
    /// the same variance as <see cref="GlorotUniform"/>.
    /// </summary>
    /// <exception cref="ArgumentException">The span's length is not <c>fanIn * fanOut</c>, or a fan is less than 1.</exception>
    public static void GlorotNormal(Span<double> weights, int fanIn, int fanOut, Random random, double gain = 1)
    {
        CheckArguments(weights, fanIn, fanOut, random, gain);
        Normal(weights, gain * Math.Sqrt(2.0 / (fanIn + fanOut)), random);
    }

    /// <summary>
    /// He (Kaiming) normal (He et al. 2015, "Delving Deep into Rectifiers", ICCV, eq. 10): <c>N(0, σ²)</c> with
    /// <c>σ = gain / √fanIn</c>; the default gain √2 suits ReLU layers (PyTorch's <c>kaiming_normal_</c>, fan-in mode).
    /// </summary>
    /// <exception cref="ArgumentException">The span's length is not <c>fanIn * fanOut</c>, or a fan is less than 1.</exception>
    public static void HeNormal(Span<double> weights, int fanIn, int fanOut, Random random, double gain = ReluGain)
    {
        CheckArguments(weights, fanIn, fanOut, random, gain);
        Normal(weights, gain / Math.Sqrt(fanIn), random);
    }

    /// <summary>
    /// He (Kaiming) uniform (He et al. 2015): <c>U(−a, a)</c> with <c>a = gain · √(3 / fanIn)</c>, the variance of
    /// <see cref="HeNormal"/> (PyTorch's <c>kaiming_uniform_</c>, fan-in mode).
    /// </summary>
    /// <exception cref="ArgumentException">The span's length is not <c>fanIn * fanOut</c>, or a fan is less than 1.</exception>
    public static void HeUniform(Span<double> weights, int fanIn, int fanOut, Random random, double gain = ReluGain)
    {
        CheckArguments(weights, fanIn, fanOut, random, gain);
        Uniform(weights, gain * Math.Sqrt(3.0 / fanIn), random);
    }

    private static void Uniform(Span<double> weights, double bound, Random random)
    {
        for (int i = 0; i < weights.Length; i++) weights[i] = bound * (2 * random.NextDouble() - 1);
    }

    /// <summary>Standard normal draws by the Box–Muller transform (Box &amp; Muller 1958), both of each pair used.</summary>
    private static void Normal(Span<double> weights, double standardDeviation, Random random)
    {
        for (int i = 0; i < weights.Length; i += 2)
        {
            double u1 = 1 - random.NextDouble(); // in (0, 1], so the logarithm is finite
            double u2 = random.NextDouble();
            double radius = standardDeviation * Math.Sqrt(-2 * Math.Log(u1));
            double angle = 2 * Math.PI * u2;
            weights[i] = radius * Math.Cos(angle);
            if (i + 1 < weights.Length) weights[i + 1] = radius * Math.Sin(angle);
        }
    }

    private static void CheckArguments(Span<double> weights, int fanIn, int fanOut, Random random, double gain)
    {
        ArgumentNullException.ThrowIfNull(random);
        ArgumentOutOfRangeException.ThrowIfLessThan(fanIn, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(fanOut, 1);
        if (!double.IsFinite(gain) || gain <= 0) throw new ArgumentOutOfRangeException(nameof(gain), gain, "Must be positive.");
        if (weights.Length != (long)fanIn * fanOut)
            throw new ArgumentException($"Expected fanIn * fanOut = {(long)fanIn * fanOut} weights, got {weights.Length}.", nameof(weights));
    }
}
