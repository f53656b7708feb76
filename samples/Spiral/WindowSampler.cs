using System;

namespace OdeGen.Samples.Spiral;

/// <summary>
/// Draws the windows of a training batch: <see cref="WindowBatch.Size"/> distinct start samples from
/// <c>0 .. Points − Length − 1</c>, as <c>np.random.choice(np.arange(data_size - batch_time), batch_size, replace=False)</c>.
/// </summary>
public sealed class WindowSampler(Random random)
{
    private readonly int[] _candidates = CreateCandidates();
    private readonly int[] _starts = new int[WindowBatch.Size];

    /// <summary>The next batch's starts (a partial Fisher–Yates shuffle of the candidates); valid until the next call.</summary>
    public ReadOnlySpan<int> Next()
    {
        for (int b = 0; b < _starts.Length; b++)
        {
            int j = random.Next(b, _candidates.Length);
            (_candidates[b], _candidates[j]) = (_candidates[j], _candidates[b]);
            _starts[b] = _candidates[b];
        }
        return _starts;
    }

    private static int[] CreateCandidates()
    {
        var candidates = new int[SpiralData.Points - WindowBatch.Length];
        for (int i = 0; i < candidates.Length; i++) candidates[i] = i;
        return candidates;
    }
}
