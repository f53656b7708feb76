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
        // An if on y runs one way per copy: such a batch runs copy by copy.
        Assert.False(((IOdeSystem)new Branches.RhsSystem()).HasLanes);
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
