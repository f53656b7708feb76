using System;

namespace OdeGen.Training;

/// <summary>Argument checks shared by the losses.</summary>
internal static class LossArguments
{
    public static void CheckPair(ReadOnlySpan<double> prediction, ReadOnlySpan<double> target)
    {
        if (prediction.IsEmpty) throw new ArgumentException("The prediction is empty.", nameof(prediction));
        if (target.Length != prediction.Length)
            throw new ArgumentException($"Expected a target of length {prediction.Length}, got {target.Length}.", nameof(target));
    }

    public static void CheckGradient(ReadOnlySpan<double> prediction, Span<double> gradient)
    {
        if (gradient.Length != prediction.Length)
            throw new ArgumentException($"Expected a gradient of length {prediction.Length}, got {gradient.Length}.", nameof(gradient));
    }
}
