using System.Diagnostics;
using System.IO;

namespace OdeGen.Benchmarks;

/// <summary>
/// Times Forward and Vjp of a <see cref="BatchedSystem{TSystem}"/> of <see cref="WideMlp"/> at several batch sizes, on the
/// lane kernels and copy by copy (the same generated per-sample code a batch ran before lane kernels), and prints
/// microseconds per call and GFLOP/s. The Vjp is counted as three Forwards of arithmetic (f, then wᵀ W2 and wᵀ W1 with
/// their weight gradients), as PyTorch's forward plus backward is. Median of several timed blocks, after warm-up.
/// </summary>
public static class WideMlpTiming
{
    public static void Run(TextWriter output, int[] batches)
    {
        output.WriteLine("| batch | path | Forward µs | Forward GFLOP/s | Vjp µs | Vjp GFLOP/s |");
        output.WriteLine("|---:|---|---:|---:|---:|---:|");
        foreach (int batch in batches)
        {
            Measure(output, "lanes", new BatchedSystem<WideMlp.RhsSystem>(new WideMlp.RhsSystem(), batch), batch);
            Measure(output, "copy by copy", new BatchedSystem<PerCopy>(new PerCopy(), batch), batch);
        }
    }

    private static void Measure<TSystem>(TextWriter output, string path, TSystem system, int batch) where TSystem : IOdeSystem
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
        double forward = Median(() => system.Forward(0, y, p, dy), batch);
        double vjp = Median(() => system.Vjp(0, y, p, w, dy, wJy, wJp), batch);
        double flops = WideMlp.ForwardFlops * batch;
        output.WriteLine(FormattableString.Invariant(
            $"| {batch} | {path} | {forward * 1e6:F1} | {flops / forward / 1e9:F1} | {vjp * 1e6:F1} | {3 * flops / vjp / 1e9:F1} |"));
    }

    /// <summary>Seconds per call: the median of 15 blocks, each long enough (~20 ms) that the clock's resolution does not matter.</summary>
    private static double Median(Action call, int batch)
    {
        int repeats = Math.Max(1, 20_000 / batch);
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

    /// <summary>The generated system without its lane kernels.</summary>
    private readonly struct PerCopy : IOdeSystem
    {
        private static readonly WideMlp.RhsSystem Inner = new();
        public int StateSize => Inner.StateSize;
        public int ParameterSize => Inner.ParameterSize;
        public SparsityPattern JacobianYSparsity => Inner.JacobianYSparsity;
        public void Forward(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> p, Span<double> dy) => Inner.Forward(t, y, p, dy);
        public void Jvp(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> p, ReadOnlySpan<double> vy, ReadOnlySpan<double> vp, double vt, Span<double> dy, Span<double> jv)
            => Inner.Jvp(t, y, p, vy, vp, vt, dy, jv);
        public double Vjp(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> p, ReadOnlySpan<double> w, Span<double> dy, Span<double> wJy, Span<double> wJp)
            => Inner.Vjp(t, y, p, w, dy, wJy, wJp);
        public double VjpAccumulate(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> p, ReadOnlySpan<double> w, Span<double> dy, Span<double> wJy, Span<double> wJp)
            => Inner.VjpAccumulate(t, y, p, w, dy, wJy, wJp);
        public void JacobianY(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> p, Span<double> jac) => Inner.JacobianY(t, y, p, jac);
        public void JacobianP(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> p, Span<double> jac) => Inner.JacobianP(t, y, p, jac);
        public void TimeDerivative(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> p, Span<double> dfdt) => Inner.TimeDerivative(t, y, p, dfdt);
    }
}
