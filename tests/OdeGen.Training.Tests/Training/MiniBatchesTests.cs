namespace OdeGen.Training.Tests.Training;

public class MiniBatchesTests
{
    [Fact]
    public void An_epoch_is_a_permutation_cut_into_batches_with_a_smaller_last_one()
    {
        var batches = new MiniBatches(10, 4, seed: 3).NextEpoch();

        Assert.Equal([4, 4, 2], batches.Select(b => b.Length));
        var all = batches.SelectMany(b => b.ToArray()).ToArray();
        Assert.Equal(Enumerable.Range(0, 10), all.Order());
        Assert.NotEqual(Enumerable.Range(0, 10), all);   // shuffled (this seed does not give the identity)
    }

    [Fact]
    public void Drop_last_drops_only_a_smaller_last_batch()
    {
        var sampler = new MiniBatches(10, 4, seed: 1, dropLast: true);
        Assert.Equal(2, sampler.BatchesPerEpoch);
        Assert.Equal([4, 4], sampler.NextEpoch().Select(b => b.Length));
        Assert.Equal([5, 5], new MiniBatches(10, 5, seed: 1, dropLast: true).NextEpoch().Select(b => b.Length));
        Assert.Equal([3], new MiniBatches(3, 8, seed: 1, dropLast: true).NextEpoch().Select(b => b.Length));
    }

    [Fact]
    public void The_same_seed_gives_the_same_epochs_and_epochs_differ()
    {
        var a = new MiniBatches(50, 7, seed: 42);
        var b = new MiniBatches(50, 7, seed: 42);
        int[] a1 = Flatten(a), a2 = Flatten(a), b1 = Flatten(b), b2 = Flatten(b);

        Assert.Equal(a1, b1);
        Assert.Equal(a2, b2);
        Assert.NotEqual(a1, a2);
        Assert.NotEqual(a1, Flatten(new MiniBatches(50, 7, seed: 43)));
    }

    [Fact]
    public void Every_position_is_reached_by_every_sample_about_equally()
    {
        // A biased shuffle (e.g. swapping with any index, not only the unvisited ones) fails this.
        const int n = 4, epochs = 24000;
        var counts = new int[n, n];
        var sampler = new MiniBatches(n, n, seed: 7);
        for (int e = 0; e < epochs; e++)
        {
            var order = sampler.NextEpoch()[0].Span;
            for (int position = 0; position < n; position++) counts[order[position], position]++;
        }
        foreach (int c in counts) Assert.InRange(c, epochs / n * 0.95, epochs / n * 1.05);
    }

    private static int[] Flatten(MiniBatches sampler) => sampler.NextEpoch().SelectMany(b => b.ToArray()).ToArray();
}
