using System;
using System.Collections.Generic;

namespace OdeGen.Training;

/// <summary>
/// Mini-batches of a data set of <see cref="Count"/> samples: each epoch is a fresh random permutation of the indices
/// (Fisher–Yates, Knuth TAOCP vol. 2, Algorithm 3.4.2P) cut into batches of <see cref="BatchSize"/>, so every sample
/// is seen once per epoch, as with PyTorch's <c>DataLoader(shuffle=True)</c>. Seeded: the same seed gives the same
/// sequence of epochs.
/// </summary>
public sealed class MiniBatches
{
    private readonly int[] _order;
    private readonly Random _random;

    /// <summary>Batches over <paramref name="count"/> samples.</summary>
    /// <param name="count">The number of samples, at least 1.</param>
    /// <param name="batchSize">Samples per batch, at least 1 (a batch larger than the set is the whole set).</param>
    /// <param name="seed">The seed of the shuffle.</param>
    /// <param name="dropLast">Drop the last batch of an epoch when it is smaller than <paramref name="batchSize"/>
    /// (unless it is the only one); otherwise it is kept, smaller.</param>
    public MiniBatches(int count, int batchSize, int seed, bool dropLast = false)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        Count = count;
        BatchSize = Math.Min(batchSize, count);
        DropLast = dropLast;
        _order = new int[count];
        _random = new Random(seed);
    }

    /// <summary>The number of samples.</summary>
    public int Count { get; }

    /// <summary>Samples per full batch.</summary>
    public int BatchSize { get; }

    /// <summary>Whether a smaller last batch is dropped.</summary>
    public bool DropLast { get; }

    /// <summary>Batches per epoch.</summary>
    public int BatchesPerEpoch => DropLast ? Count / BatchSize : (Count + BatchSize - 1) / BatchSize;

    /// <summary>
    /// Shuffles and returns the next epoch's batches, each a slice of one permutation of <c>0 .. Count−1</c>. The
    /// memory is reused: a batch is valid until the next call.
    /// </summary>
    public IReadOnlyList<ReadOnlyMemory<int>> NextEpoch()
    {
        for (int i = 0; i < Count; i++) _order[i] = i;
        for (int i = Count - 1; i > 0; i--)
        {
            int j = _random.Next(i + 1);
            (_order[i], _order[j]) = (_order[j], _order[i]);
        }
        var batches = new ReadOnlyMemory<int>[BatchesPerEpoch];
        for (int b = 0; b < batches.Length; b++)
        {
            int start = b * BatchSize;
            batches[b] = _order.AsMemory(start, Math.Min(BatchSize, Count - start));
        }
        return batches;
    }
}
