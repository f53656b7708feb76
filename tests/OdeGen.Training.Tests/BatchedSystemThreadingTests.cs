using System.Threading.Tasks;
using OdeGen.Training.Tests.Systems;

namespace OdeGen.Training.Tests;

/// <summary>
/// One <see cref="BatchedSystem{TSystem}"/> instance shared by gradients computed in parallel: every copy of the struct
/// works in its own scratch, so the results equal serial ones bit for bit, above the stack-scratch limit too.
/// </summary>
public class BatchedSystemThreadingTests
{
    private const int Jobs = 8;
    private const int Batch = 4;

    public static TheoryData<string> Methods => new() { "InterpolatingAdjoint", "BacksolveAdjoint", "DiscreteAdjoint" };

    [Theory]
    [MemberData(nameof(Methods))]
    public void Parallel_gradients_from_one_instance_equal_serial_ones(string method)
    {
        int m = BatchedSystem<LinearSystem>.StackScratchLimit + 44;
        var system = new BatchedSystem<LinearSystem>(new LinearSystem(3, m, new Random(21)), Batch);
        var random = new Random(22);
        var p = Enumerable.Range(0, m).Select(_ => 0.1 * (random.NextDouble() - 0.5)).ToArray();
        var starts = Enumerable.Range(0, Jobs).Select(_ => Enumerable.Range(0, system.StateSize).Select(_ => random.NextDouble() - 0.5).ToArray()).ToArray();

        var serial = starts.Select(y0 => Gradient(system, y0, p, method)).ToArray();
        // Several rounds, so that the jobs overlap in time on a machine with few cores.
        for (int round = 0; round < 3; round++)
        {
            var parallel = new double[Jobs][];
            Parallel.For(0, Jobs, new ParallelOptions { MaxDegreeOfParallelism = Jobs }, k => parallel[k] = Gradient(system, starts[k], p, method));
            for (int k = 0; k < Jobs; k++)
                for (int i = 0; i < serial[k].Length; i++)
                    Assert.True(BitConverter.DoubleToInt64Bits(serial[k][i]) == BitConverter.DoubleToInt64Bits(parallel[k][i]),
                        $"{method}, job {k}, round {round}: entry {i} is {parallel[k][i]:R} in parallel, {serial[k][i]:R} serially");
        }
    }

    [Fact]
    public void Concurrent_Vjp_calls_on_one_instance_equal_serial_ones()
    {
        // The kernel the gradients share, called from threads released together, many times over.
        int m = BatchedSystem<LinearSystem>.StackScratchLimit + 44;
        var system = new BatchedSystem<LinearSystem>(new LinearSystem(3, m, new Random(23)), Batch);
        var p = new double[m];
        int n = system.StateSize;
        var mismatches = new int[Jobs];
        using var start = new System.Threading.Barrier(Jobs);
        var threads = Enumerable.Range(0, Jobs).Select(k => new System.Threading.Thread(() =>
        {
            var y = Enumerable.Range(0, n).Select(i => 0.1 * (i + k)).ToArray();
            var w = Enumerable.Range(0, n).Select(i => 1.0 + i * k).ToArray();
            var wJy = new double[n];
            var expected = new double[m];
            var wJp = new double[m];
            system.Vjp(0, y, p, w, Span<double>.Empty, wJy, expected);
            start.SignalAndWait();
            for (int r = 0; r < 5_000; r++)
            {
                system.Vjp(0, y, p, w, Span<double>.Empty, wJy, wJp);
                if (!wJp.AsSpan().SequenceEqual(expected)) mismatches[k]++;
            }
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());
        Assert.All(mismatches, count => Assert.Equal(0, count));
    }

    private static double[] Gradient(BatchedSystem<LinearSystem> system, double[] y0, double[] p, string method)
    {
        SensitivityMethod sensitivity = method switch
        {
            "InterpolatingAdjoint" => new InterpolatingAdjoint(),
            "BacksolveAdjoint" => new BacksolveAdjoint(),
            _ => new DiscreteAdjoint(),
        };
        var g = Sensitivity.Gradient(system, y0, p, 0.0, [1.0, 2.0, 3.0], (int k, double t, ReadOnlySpan<double> y, Span<double> dLdy) =>
        {
            for (int i = 0; i < y.Length; i++) dLdy[i] = 2 * y[i];
        }, sensitivity, new Dopri5(), new SolverOptions { RelTol = 1e-10, AbsTol = 1e-10 });
        return g.P.Concat(g.Y0).ToArray();
    }
}

