using System;

namespace OdeGen.Training;

/// <summary>
/// Softmax cross-entropy over logits, as PyTorch's <c>CrossEntropyLoss</c> with the mean reduction: for a sample
/// with logits <c>z</c> (one per class) and target probabilities <c>q</c>,
/// <c>L = −Σ_k q_k log softmax(z)_k = Σ_k q_k (logsumexp(z) − z_k)</c>, averaged over the samples; with a class
/// label <c>c</c>, <c>q</c> is one-hot. The gradient is <c>(softmax(z) Σ_k q_k − q) / samples</c>.
/// </summary>
/// <remarks>
/// Numerically stable: <c>logsumexp(z) = max(z) + log Σ exp(z_k − max(z))</c>, so large logits neither overflow
/// nor lose the small probabilities. Several samples are laid out row by row: sample <c>s</c>'s logits are
/// <c>prediction[s*classes .. (s+1)*classes)</c>.
/// </remarks>
public static class CrossEntropy
{
    /// <summary>The loss of one sample: <paramref name="prediction"/> holds its logits, <paramref name="target"/> the class probabilities.</summary>
    public static double Value(ReadOnlySpan<double> prediction, ReadOnlySpan<double> target) =>
        Value(prediction, target, prediction.Length);

    /// <summary>Writes <c>dL/dlogits</c> for one sample into <paramref name="gradient"/> and returns the loss.</summary>
    public static double Gradient(ReadOnlySpan<double> prediction, ReadOnlySpan<double> target, Span<double> gradient) =>
        Gradient(prediction, target, gradient, prediction.Length);

    /// <summary>
    /// The loss averaged over <c>prediction.Length / classes</c> samples, each a row of <paramref name="classes"/>
    /// logits with a row of class probabilities in <paramref name="target"/>.
    /// </summary>
    /// <exception cref="ArgumentException">Lengths do not match or are not a multiple of <paramref name="classes"/>.</exception>
    public static double Value(ReadOnlySpan<double> prediction, ReadOnlySpan<double> target, int classes)
    {
        int samples = CheckRows(prediction, classes);
        LossArguments.CheckPair(prediction, target);
        double sum = 0;
        for (int s = 0; s < samples; s++)
        {
            var z = prediction.Slice(s * classes, classes);
            var q = target.Slice(s * classes, classes);
            double logSumExp = LogSumExp(z);
            for (int k = 0; k < classes; k++)
                if (q[k] != 0) sum += q[k] * (logSumExp - z[k]);
        }
        return sum / samples;
    }

    /// <summary>
    /// Writes <c>dL/dlogits</c> into <paramref name="gradient"/> (overwritten) and returns the loss, for rows of
    /// <paramref name="classes"/> logits with rows of class probabilities in <paramref name="target"/>.
    /// </summary>
    /// <exception cref="ArgumentException">Lengths do not match or are not a multiple of <paramref name="classes"/>.</exception>
    public static double Gradient(ReadOnlySpan<double> prediction, ReadOnlySpan<double> target, Span<double> gradient, int classes)
    {
        int samples = CheckRows(prediction, classes);
        LossArguments.CheckPair(prediction, target);
        LossArguments.CheckGradient(prediction, gradient);
        double sum = 0, scale = 1.0 / samples;
        for (int s = 0; s < samples; s++)
        {
            var z = prediction.Slice(s * classes, classes);
            var q = target.Slice(s * classes, classes);
            var g = gradient.Slice(s * classes, classes);
            double shiftedSum = ShiftedSum(z, out double max), logSumExp = max + Math.Log(shiftedSum), mass = 0;
            for (int k = 0; k < classes; k++)
            {
                if (q[k] != 0) sum += q[k] * (logSumExp - z[k]);
                mass += q[k];
            }
            for (int k = 0; k < classes; k++)
                g[k] = scale * (Math.Exp(z[k] - max) / shiftedSum * mass - q[k]);
        }
        return sum / samples;
    }

    /// <summary>
    /// The loss averaged over <c>labels.Length</c> samples, each a row of <c>prediction.Length / labels.Length</c>
    /// logits and a class index in <paramref name="labels"/>.
    /// </summary>
    /// <exception cref="ArgumentException">The logits are not rows of equal length, or a label is out of range.</exception>
    public static double Value(ReadOnlySpan<double> prediction, ReadOnlySpan<int> labels)
    {
        int classes = CheckLabels(prediction, labels);
        double sum = 0;
        for (int s = 0; s < labels.Length; s++)
        {
            var z = prediction.Slice(s * classes, classes);
            sum += LogSumExp(z) - z[labels[s]];
        }
        return sum / labels.Length;
    }

    /// <summary>
    /// Writes <c>dL/dlogits</c> into <paramref name="gradient"/> (overwritten) and returns the loss, for rows of
    /// logits with a class index per row in <paramref name="labels"/>.
    /// </summary>
    /// <exception cref="ArgumentException">The logits are not rows of equal length, or a label is out of range.</exception>
    public static double Gradient(ReadOnlySpan<double> prediction, ReadOnlySpan<int> labels, Span<double> gradient)
    {
        int classes = CheckLabels(prediction, labels);
        LossArguments.CheckGradient(prediction, gradient);
        double sum = 0, scale = 1.0 / labels.Length;
        for (int s = 0; s < labels.Length; s++)
        {
            var z = prediction.Slice(s * classes, classes);
            var g = gradient.Slice(s * classes, classes);
            double shiftedSum = ShiftedSum(z, out double max);
            sum += max + Math.Log(shiftedSum) - z[labels[s]];
            for (int k = 0; k < classes; k++) g[k] = scale * Math.Exp(z[k] - max) / shiftedSum;
            g[labels[s]] -= scale;
        }
        return sum / labels.Length;
    }

    /// <summary><c>log Σ exp(z_k)</c>, shifted by <c>max(z)</c> so that no exponential overflows.</summary>
    public static double LogSumExp(ReadOnlySpan<double> z)
    {
        double sum = ShiftedSum(z, out double max);
        return double.IsInfinity(max) ? max : max + Math.Log(sum);
    }

    /// <summary>
    /// Writes <c>softmax(z)</c> into <paramref name="probabilities"/>, as <c>exp(z_k − max z) / Σ exp(z_j − max z)</c>
    /// (no overflow, and accurate to a few ulps however large the logits).
    /// </summary>
    public static void Softmax(ReadOnlySpan<double> z, Span<double> probabilities)
    {
        if (probabilities.Length != z.Length)
            throw new ArgumentException($"Expected length {z.Length}, got {probabilities.Length}.", nameof(probabilities));
        double sum = ShiftedSum(z, out double max);
        for (int k = 0; k < z.Length; k++) probabilities[k] = Math.Exp(z[k] - max) / sum;
    }

    /// <summary><c>Σ exp(z_k − max z)</c>, at least 1 for finite logits, and <c>max z</c>.</summary>
    private static double ShiftedSum(ReadOnlySpan<double> z, out double max)
    {
        if (z.IsEmpty) throw new ArgumentException("No logits.", nameof(z));
        max = double.NegativeInfinity;
        foreach (double v in z) max = Math.Max(max, v);
        if (double.IsInfinity(max)) return double.NaN;
        double sum = 0;
        foreach (double v in z) sum += Math.Exp(v - max);
        return sum;
    }

    private static int CheckRows(ReadOnlySpan<double> prediction, int classes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(classes, 1);
        if (prediction.IsEmpty || prediction.Length % classes != 0)
            throw new ArgumentException($"Expected a positive multiple of {classes} logits, got {prediction.Length}.", nameof(prediction));
        return prediction.Length / classes;
    }

    private static int CheckLabels(ReadOnlySpan<double> prediction, ReadOnlySpan<int> labels)
    {
        if (labels.IsEmpty) throw new ArgumentException("No labels.", nameof(labels));
        if (prediction.IsEmpty || prediction.Length % labels.Length != 0)
            throw new ArgumentException($"Expected a positive multiple of {labels.Length} logits (one row per label), got {prediction.Length}.", nameof(prediction));
        int classes = prediction.Length / labels.Length;
        foreach (int c in labels)
            if ((uint)c >= (uint)classes)
                throw new ArgumentException($"Label {c} is outside 0..{classes - 1}.", nameof(labels));
        return classes;
    }
}
