using System;

namespace OdeGen.Training;

/// <summary>Computes the logits of a batch: row <c>i</c> of <paramref name="logits"/> (one per class) is sample <c>indices[i]</c>'s.</summary>
public delegate void BatchLogits(ReadOnlySpan<int> indices, Span<double> logits);

/// <summary>The result of evaluating a classifier on a data set.</summary>
/// <param name="Correct">Samples whose largest logit is their label's.</param>
/// <param name="Count">Samples evaluated.</param>
/// <param name="MeanLoss">The mean softmax cross-entropy (<see cref="CrossEntropy"/>).</param>
public readonly record struct ClassificationScore(int Correct, int Count, double MeanLoss)
{
    /// <summary>The fraction classified correctly.</summary>
    public double Accuracy => (double)Correct / Count;

    /// <summary>The fraction misclassified, <c>1 − Accuracy</c>.</summary>
    public double ErrorRate => (double)(Count - Correct) / Count;
}

/// <summary>Accuracy and error rate of a classifier that outputs logits, and its evaluation in batches.</summary>
public static class Classification
{
    /// <summary>The index of the largest logit (the first of equal ones, as <c>torch.argmax</c>).</summary>
    /// <exception cref="ArgumentException">No logits, or a NaN among them.</exception>
    public static int Predicted(ReadOnlySpan<double> logits)
    {
        if (logits.IsEmpty) throw new ArgumentException("No logits.", nameof(logits));
        int best = 0;
        for (int k = 0; k < logits.Length; k++)
        {
            if (double.IsNaN(logits[k])) throw new ArgumentException($"logits[{k}] is NaN; the model diverged.", nameof(logits));
            if (logits[k] > logits[best]) best = k;
        }
        return best;
    }

    /// <summary>The number of rows of <paramref name="logits"/> whose largest entry is at the row's label.</summary>
    /// <exception cref="ArgumentException">The logits are not one row per label, or a label is out of range.</exception>
    public static int Correct(ReadOnlySpan<double> logits, ReadOnlySpan<int> labels)
    {
        int classes = Classes(logits, labels);
        int correct = 0;
        for (int s = 0; s < labels.Length; s++)
            if (Predicted(logits.Slice(s * classes, classes)) == labels[s]) correct++;
        return correct;
    }

    /// <summary>The fraction of rows classified correctly.</summary>
    public static double Accuracy(ReadOnlySpan<double> logits, ReadOnlySpan<int> labels) =>
        (double)Correct(logits, labels) / labels.Length;

    /// <summary>The fraction of rows misclassified.</summary>
    public static double ErrorRate(ReadOnlySpan<double> logits, ReadOnlySpan<int> labels) =>
        1 - Accuracy(logits, labels);

    /// <summary>
    /// Evaluates a classifier over all <c>labels.Length</c> samples in order, <paramref name="batchSize"/> at a time
    /// (the last batch smaller), so that memory stays that of one batch: the count correct and the mean cross-entropy.
    /// </summary>
    /// <exception cref="ArgumentException">No labels, a label out of range, or a batch size or class count below 1.</exception>
    public static ClassificationScore Evaluate(ReadOnlySpan<int> labels, int classes, int batchSize, BatchLogits logits)
    {
        ArgumentNullException.ThrowIfNull(logits);
        ArgumentOutOfRangeException.ThrowIfLessThan(classes, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        if (labels.IsEmpty) throw new ArgumentException("No samples to evaluate.", nameof(labels));
        batchSize = Math.Min(batchSize, labels.Length);
        var indices = new int[batchSize];
        var output = new double[batchSize * classes];
        int correct = 0;
        double loss = 0;
        for (int start = 0; start < labels.Length; start += batchSize)
        {
            int size = Math.Min(batchSize, labels.Length - start);
            for (int i = 0; i < size; i++) indices[i] = start + i;
            Span<double> rows = output.AsSpan(0, size * classes);
            rows.Clear();
            logits(indices.AsSpan(0, size), rows);
            var batchLabels = labels.Slice(start, size);
            correct += Correct(rows, batchLabels);
            loss += CrossEntropy.Value(rows, batchLabels) * size;
        }
        return new ClassificationScore(correct, labels.Length, loss / labels.Length);
    }

    private static int Classes(ReadOnlySpan<double> logits, ReadOnlySpan<int> labels)
    {
        if (labels.IsEmpty) throw new ArgumentException("No labels.", nameof(labels));
        if (logits.IsEmpty || logits.Length % labels.Length != 0)
            throw new ArgumentException($"Expected a positive multiple of {labels.Length} logits (one row per label), got {logits.Length}.", nameof(logits));
        int classes = logits.Length / labels.Length;
        foreach (int c in labels)
            if ((uint)c >= (uint)classes) throw new ArgumentException($"Label {c} is outside 0..{classes - 1}.", nameof(labels));
        return classes;
    }
}
