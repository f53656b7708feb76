using System.Diagnostics;
using System.IO;

namespace OdeGen.Benchmarks;

/// <summary>
/// Times Forward and Vjp of a <see cref="BatchedSystem{TSystem}"/> of d-2d-d tanh MLPs (<see cref="MlpWidths"/>,
/// <see cref="WideMlp"/>) at several batch sizes: on the lane kernels on one thread (two lane groups per call, and one) and on every core, and copy by copy
/// (<see cref="BatchOptions.UseLanes"/> off: the generated per-sample code a batch ran before lane kernels). Prints
/// microseconds per call and GFLOP/s. The Vjp is counted as three Forwards of arithmetic (f, then wᵀ W2 and wᵀ W1 with
/// their weight gradients), as PyTorch's forward plus backward is. Median of several timed blocks, after warm-up.
/// </summary>
public static class WideMlpTiming
{
    public static void Run(TextWriter output, int[] batches)
    {
        output.WriteLine($"Vector hardware: {System.Numerics.Vector.IsHardwareAccelerated}, {Environment.ProcessorCount} cores");
        output.WriteLine("| width | batch | path | Forward µs | Forward GFLOP/s | Vjp µs | Vjp GFLOP/s |");
        output.WriteLine("|---|---:|---|---:|---:|---:|---:|");
        Width(output, "32-64-32", new MlpWidths.NarrowSystem(), batches);
        Width(output, "64-128-64", new WideMlp.RhsSystem(), batches);
        Width(output, "256-512-256", new MlpWidths.BroadSystem(), batches);
    }

    private static void Width<TSystem>(TextWriter output, string width, TSystem inner, int[] batches) where TSystem : struct, IOdeSystem
    {
        int n = inner.StateSize;
        long flops = 4L * n * (2 * n);
        foreach (int batch in batches)
        {
            var lanes = new BatchedSystem<TSystem>(inner, batch);
            Measure(output, width, "lanes" + (lanes.CopiesOnLanes == 0 ? " (none on lanes)" : ""), lanes, batch, flops);
            if (inner.HasLanePairs && lanes.CopiesOnLanes >= 2 * Lanes.Count)
                Measure(output, width, "lanes, one group per call", new BatchedSystem<TSystem>(inner, batch, new BatchOptions { UseLanePairs = false }), batch, flops);
            if (Environment.ProcessorCount > 1 && batch >= 2 * BatchedSystem<TSystem>.CopiesPerBlock)
                Measure(output, width, $"lanes, {Environment.ProcessorCount} threads", new BatchedSystem<TSystem>(inner, batch, new BatchOptions { MaxThreads = Environment.ProcessorCount }), batch, flops);
            Measure(output, width, "copy by copy", new BatchedSystem<TSystem>(inner, batch, new BatchOptions { UseLanes = false }), batch, flops);
        }
    }

    private static void Measure<TSystem>(TextWriter output, string width, string path, TSystem system, int batch, long flopsPerCopy) where TSystem : IOdeSystem
    {
        var random = new Random(1);
        var y = new double[system.StateSize];
        var p = new double[system.ParameterSize];
        var w = new double[system.StateSize];
        for (int i = 0; i < y.Length; i++) { y[i] = random.NextDouble() - 0.5; w[i] = random.NextDouble() - 0.5; }
        for (int k = 0; k < p.Length; k++) p[k] = 0.1 * (random.NextDouble() - 0.5);
        var dy = new double[y.Length];
        var wJy = new double[y.Length];
        var wJp = new double[p.Length];
        double work = flopsPerCopy * (double)batch;
        double forward = Median(() => system.Forward(0, y, p, dy), work);
        double vjp = Median(() => system.Vjp(0, y, p, w, dy, wJy, wJp), 3 * work);
        output.WriteLine(FormattableString.Invariant(
            $"| {width} | {batch} | {path} | {forward * 1e6:F1} | {work / forward / 1e9:F1} | {vjp * 1e6:F1} | {3 * work / vjp / 1e9:F1} |"));
    }

    /// <summary>Seconds per call: the median of 15 blocks, each long enough (~20 ms at 10 GFLOP/s) that the clock's resolution does not matter.</summary>
    private static double Median(Action call, double flops)
    {
        int repeats = (int)Math.Max(1, 2e8 / flops);
        for (int i = 0; i < repeats; i++) call();
        var times = new double[15];
        for (int block = 0; block < times.Length; block++)
        {
            var clock = Stopwatch.StartNew();
            for (int i = 0; i < repeats; i++) call();
            times[block] = clock.Elapsed.TotalSeconds / repeats;
        }
        Array.Sort(times);
        return times[times.Length / 2];
    }
}
