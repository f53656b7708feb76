using System;

namespace OdeGen.Training;

/// <summary>
/// Mean squared error <c>L = (1/N) Σ (prediction_i − target_i)²</c>, the mean reduction of PyTorch's
/// <c>MSELoss</c>; gradient <c>2 (prediction_i − target_i) / N</c>.
/// </summary>
public static class Mse
{
    /// <summary>The loss.</summary>
    /// <exception cref="ArgumentException">The spans are empty or of different lengths.</exception>
    public static double Value(ReadOnlySpan<double> prediction, ReadOnlySpan<double> target)
    {
        LossArguments.CheckPair(prediction, target);
        double sum = 0;
        for (int i = 0; i < prediction.Length; i++)
        {
            double r = prediction[i] - target[i];
            sum += r * r;
        }
        return sum / prediction.Length;
    }

    /// <summary>Writes <c>dL/dprediction</c> into <paramref name="gradient"/> (overwritten) and returns the loss.</summary>
    /// <exception cref="ArgumentException">The spans are empty or of different lengths.</exception>
    public static double Gradient(ReadOnlySpan<double> prediction, ReadOnlySpan<double> target, Span<double> gradient)
    {
        LossArguments.CheckPair(prediction, target);
        LossArguments.CheckGradient(prediction, gradient);
        double scale = 2.0 / prediction.Length, sum = 0;
        for (int i = 0; i < prediction.Length; i++)
        {
            double r = prediction[i] - target[i];
            sum += r * r;
            gradient[i] = scale * r;
        }
        return sum / prediction.Length;
    }
}
