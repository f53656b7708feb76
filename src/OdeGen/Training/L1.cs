using System;

namespace OdeGen.Training;

/// <summary>
/// Mean absolute error <c>L = (1/N) Σ |prediction_i − target_i|</c>, the mean reduction of PyTorch's
/// <c>L1Loss</c>; gradient <c>sign(prediction_i − target_i) / N</c>, taken as 0 where the two are equal
/// (the subgradient PyTorch uses).
/// </summary>
public static class L1
{
    /// <summary>The loss.</summary>
    /// <exception cref="ArgumentException">The spans are empty or of different lengths.</exception>
    public static double Value(ReadOnlySpan<double> prediction, ReadOnlySpan<double> target)
    {
        LossArguments.CheckPair(prediction, target);
        double sum = 0;
        for (int i = 0; i < prediction.Length; i++) sum += Math.Abs(prediction[i] - target[i]);
        return sum / prediction.Length;
    }

    /// <summary>Writes <c>dL/dprediction</c> into <paramref name="gradient"/> (overwritten) and returns the loss.</summary>
    /// <exception cref="ArgumentException">The spans are empty or of different lengths.</exception>
    public static double Gradient(ReadOnlySpan<double> prediction, ReadOnlySpan<double> target, Span<double> gradient)
    {
        LossArguments.CheckPair(prediction, target);
        LossArguments.CheckGradient(prediction, gradient);
        double scale = 1.0 / prediction.Length, sum = 0;
        for (int i = 0; i < prediction.Length; i++)
        {
            double r = prediction[i] - target[i];
            sum += Math.Abs(r);
            gradient[i] = r > 0 ? scale : r < 0 ? -scale : 0;
        }
        return sum / prediction.Length;
    }
}
