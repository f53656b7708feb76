using OdeGen.Tests.Corpus;

namespace OdeGen.Tests;

/// <summary>Which systems get lane kernels, and BatchedSystem on them against the same batch run copy by copy.</summary>
public class LaneKernelTests
{
    [Fact]
    public void Systems_without_branches_on_the_state_have_lane_kernels()
    {
        Assert.True(new Mlp.RhsSystem().HasLanes);
        Assert.True(new VectorizedMlp.RhsSystem().HasLanes);
        Assert.True(new Lorenz.RhsSystem().HasLanes);
        Assert.True(new Gravity.RhsSystem().HasLanes);
        // A relu in a loop, written as a conditional expression, and padding ifs on indices run on lanes.
        Assert.True(new ConvRelu.RhsSystem().HasLanes);
        // Their second-order products run on lanes too (a flow's Hutchinson trace uses them).
        Assert.True(new Mlp.RhsSystem().HasSecondOrderLanes);
        Assert.True(new Lorenz.RhsSystem().HasSecondOrderLanes);
        // Systems that read weights in loops run two lane groups per call; straight-line ones have no weights to share.
        Assert.True(new Mlp.RhsSystem().HasLanePairs);
        Assert.True(new ConvRelu.RhsSystem().HasLanePairs);
        Assert.False(((IOdeSystem)new Lorenz.RhsSystem()).HasLanePairs);
        // An if on y runs one way per copy: such a batch runs copy by copy.
        Assert.False(((IOdeSystem)new Branches.RhsSystem()).HasLanes);
    }

    [Theory]
    [InlineData(8)]
    [InlineData(13)]
    [InlineData(40)]
    public void Two_groups_per_call_give_each_copy_the_bits_of_one_group_per_call(int batchSize)
    {
        var random = new Random(batchSize);
        var pairs = new BatchedSystem<Mlp.RhsSystem>(new Mlp.RhsSystem(), batchSize);
        var single = new BatchedSystem<Mlp.RhsSystem>(new Mlp.RhsSystem(), batchSize, new BatchOptions { UseLanePairs = false });
        foreach (var (what, member) in BatchMembers.OfMlp(batchSize, random))
        {
            var expected = member(single);
            var actual = member(pairs);
            // Per-copy outputs (dy, jv, wJy: the first entries) are the same bits; wJp and wJt sum the same terms in another order.
            int n = pairs.StateSize;
            int perCopy = what switch { "Vjp" => 2 * n, "VjpAccumulate" => n, _ => expected.Length };
            for (int i = 0; i < expected.Length; i++)
            {
                if (i < perCopy) Assert.Equal(expected[i], actual[i]);
                else DerivativeChecks.AssertClose(expected[i], actual[i], 1e-12, $"{what}[{i}]");
            }
        }
    }

    [Theory]
    [InlineData(4)]
    [InlineData(7)]
    [InlineData(13)]
    [InlineData(19)]
    public void A_batch_on_lanes_matches_the_batch_copy_by_copy(int batchSize)
    {
        var random = new Random(batchSize);
        var onLanes = new BatchedSystem<Mlp.RhsSystem>(new Mlp.RhsSystem(), batchSize);
        var copyByCopy = new BatchedSystem<Mlp.RhsSystem>(new Mlp.RhsSystem(), batchSize, new BatchOptions { UseLanes = false });
        Assert.Equal(batchSize / Lanes.Count * Lanes.Count, onLanes.CopiesOnLanes);
        Assert.Equal(0, copyByCopy.CopiesOnLanes);

        foreach (var (what, member) in BatchMembers.OfMlp(batchSize, random)) Compare(what, member);

        void Compare(string what, Func<BatchedSystem<Mlp.RhsSystem>, double[]> member)
        {
            var expected = member(copyByCopy);
            var actual = member(onLanes);
            for (int i = 0; i < expected.Length; i++) DerivativeChecks.AssertClose(expected[i], actual[i], 1e-12, $"{what}[{i}]");
        }
    }
}
