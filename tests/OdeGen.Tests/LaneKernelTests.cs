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
        int n = 2, m = 5 * Mlp.Hidden + 2;
        var onLanes = new BatchedSystem<Mlp.RhsSystem>(new Mlp.RhsSystem(), batchSize);
        var copyByCopy = new BatchedSystem<Mlp.RhsSystem>(new Mlp.RhsSystem(), batchSize, new BatchOptions { UseLanes = false });
        Assert.Equal(batchSize / Lanes.Count * Lanes.Count, onLanes.CopiesOnLanes);
        Assert.Equal(0, copyByCopy.CopiesOnLanes);

        var y = DerivativeChecks.RandomVector(random, n * batchSize, -2, 2);
        var p = DerivativeChecks.RandomVector(random, m, -0.5, 0.5);
        var vy = DerivativeChecks.RandomVector(random, n * batchSize);
        var vp = DerivativeChecks.RandomVector(random, m);
        var w = DerivativeChecks.RandomVector(random, n * batchSize);
        double t = 0.3, vt = 0.2;

        Compare("Forward", s => { var dy = new double[n * batchSize]; s.Forward(t, y, p, dy); return dy; });
        Compare("Jvp", s =>
        {
            var dy = new double[n * batchSize];
            var jv = new double[n * batchSize];
            s.Jvp(t, y, p, vy, vp, vt, dy, jv);
            return dy.Concat(jv).ToArray();
        });
        Compare("Vjp", s =>
        {
            var dy = new double[n * batchSize];
            var wJy = new double[n * batchSize];
            var wJp = new double[m];
            double wJt = s.Vjp(t, y, p, w, dy, wJy, wJp);
            return dy.Concat(wJy).Concat(wJp).Append(wJt).ToArray();
        });
        Compare("VjpAccumulate", s =>
        {
            var wJy = Enumerable.Repeat(1.0, n * batchSize).ToArray();
            var wJp = Enumerable.Repeat(-1.0, m).ToArray();
            double wJt = s.VjpAccumulate(t, y, p, w, Span<double>.Empty, wJy, wJp);
            return wJy.Concat(wJp).Append(wJt).ToArray();
        });

        void Compare(string what, Func<IOdeSystem, double[]> member)
        {
            var expected = member(copyByCopy);
            var actual = member(onLanes);
            for (int i = 0; i < expected.Length; i++) DerivativeChecks.AssertClose(expected[i], actual[i], 1e-12, $"{what}[{i}]");
        }
    }
}
