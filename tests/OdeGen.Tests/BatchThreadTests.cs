using OdeGen.Tests.Corpus;

namespace OdeGen.Tests;

/// <summary>
/// A batch split over threads (BatchOptions.MaxThreads) gives the same bits as on the calling thread alone, on lanes
/// and copy by copy, with the copies after the last lane group, and allocates nothing once warm.
/// </summary>
[Collection(nameof(BatchWorkerThreads))]
public class BatchThreadTests
{
    [Theory]
    [InlineData(67, true, 2)]
    [InlineData(67, false, 2)]
    [InlineData(200, true, 4)]
    [InlineData(33, false, 3)]
    public void Threads_give_the_same_bits_as_one_thread(int batchSize, bool useLanes, int threads)
    {
        var one = new BatchedSystem<Mlp.RhsSystem>(new Mlp.RhsSystem(), batchSize, new BatchOptions { UseLanes = useLanes });
        var many = new BatchedSystem<Mlp.RhsSystem>(new Mlp.RhsSystem(), batchSize, new BatchOptions { UseLanes = useLanes, MaxThreads = threads });
        Assert.Equal(one.CopiesOnLanes, many.CopiesOnLanes);
        foreach (var (what, member) in BatchMembers.OfMlp(batchSize, new Random(batchSize)))
        {
            var expected = member(one);
            var actual = member(many);
            Assert.Equal(expected.Length, actual.Length);
            for (int i = 0; i < expected.Length; i++)
                Assert.True(BitConverter.DoubleToInt64Bits(expected[i]) == BitConverter.DoubleToInt64Bits(actual[i]), $"{what}[{i}]: {expected[i]:R} on one thread, {actual[i]:R} on {threads}");
        }
    }

    [Fact]
    public void A_branching_system_splits_copy_by_copy_with_the_same_bits()
    {
        const int batchSize = 70;
        var one = new BatchedSystem<Branches.RhsSystem>(new Branches.RhsSystem(), batchSize);
        var many = new BatchedSystem<Branches.RhsSystem>(new Branches.RhsSystem(), batchSize, new BatchOptions { MaxThreads = 2 });
        var random = new Random(5);
        int n = one.InnerStateSize, m = one.ParameterSize;
        var y = DerivativeChecks.RandomVector(random, n * batchSize, -2, 2);
        var p = DerivativeChecks.RandomVector(random, m, -0.5, 0.5);
        var w = DerivativeChecks.RandomVector(random, n * batchSize);
        double[] Run(BatchedSystem<Branches.RhsSystem> s)
        {
            var dy = new double[n * batchSize];
            var wJy = new double[n * batchSize];
            var wJp = new double[m];
            double wJt = s.Vjp(0.4, y, p, w, dy, wJy, wJp);
            return dy.Concat(wJy).Concat(wJp).Append(wJt).ToArray();
        }
        Assert.Equal(Run(one), Run(many));
    }

    [Fact]
    public void A_split_call_allocates_nothing_once_warm()
    {
        const int batchSize = 256;
        var batch = new BatchedSystem<Mlp.RhsSystem>(new Mlp.RhsSystem(), batchSize, new BatchOptions { MaxThreads = 2 });
        var random = new Random(3);
        int n = 2, m = batch.ParameterSize;
        var y = DerivativeChecks.RandomVector(random, n * batchSize);
        var p = DerivativeChecks.RandomVector(random, m, -0.5, 0.5);
        var w = DerivativeChecks.RandomVector(random, n * batchSize);
        var dy = new double[n * batchSize];
        var wJy = new double[n * batchSize];
        var wJp = new double[m];
        void Call()
        {
            batch.Forward(0.1, y, p, dy);
            batch.Jvp(0.1, y, p, w, p, 0.0, dy, wJy);
            batch.VjpAccumulate(0.1, y, p, w, dy, wJy, wJp);
        }
        for (int i = 0; i < 200; i++) Call();
        // A worker makes its scratch the first time it takes a block of each member, which on a loaded machine can be late
        // (the caller may take every block while the worker wakes): warm up until a window leaves the workers' count as it was.
        for (int round = 0; round < 20; round++)
        {
            long before = BatchThreads.WorkerAllocatedBytes;
            for (int i = 0; i < 50; i++) Call();
            if (BatchThreads.WorkerAllocatedBytes == before) break;
        }
        // Counted on the threads that run the blocks, the caller's and the workers': a process-wide count also sees the
        // test host's threads, which allocate now and then (168 bytes per window on a loaded machine). The runtime itself
        // can allocate once on the caller (24 bytes were seen in a Debug build), so the least of a few windows must be 0:
        // an allocation per call shows in every window.
        long least = long.MaxValue;
        string worst = "";
        for (int window = 0; window < 5 && least > 0; window++)
        {
            long callerBefore = GC.GetAllocatedBytesForCurrentThread(), workersBefore = BatchThreads.WorkerAllocatedBytes;
            for (int i = 0; i < 100; i++) Call();
            long caller = GC.GetAllocatedBytesForCurrentThread() - callerBefore, workers = BatchThreads.WorkerAllocatedBytes - workersBefore;
            if (caller + workers < least) (least, worst) = (caller + workers, $"{caller} bytes allocated on the calling thread and {workers} on the workers in 300 calls");
        }
        Assert.True(least == 0, worst);
    }

    [Fact]
    public void Fewer_than_one_thread_is_refused()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new BatchedSystem<Mlp.RhsSystem>(new Mlp.RhsSystem(), 8, new BatchOptions { MaxThreads = 0 }));
        Assert.Contains("MaxThreads", error.Message);
    }
}

/// <summary>Tests that use or count the batch worker threads run alone, so that no other batch runs on the workers beside them.</summary>
[CollectionDefinition(nameof(BatchWorkerThreads), DisableParallelization = true)]
public sealed class BatchWorkerThreads;
