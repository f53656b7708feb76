using System;
using BenchmarkDotNet.Attributes;

namespace OdeGen.Benchmarks;

/// <summary>
/// The generated MLP's products on the spiral batch (20 copies of the 2-state model sharing 252 parameters), the unit
/// of work of every gradient step: PyTorch takes about 60 µs for the VJP of this batch. The hand-written VJP keeps
/// <c>tanh</c> from the forward sweep instead of recomputing it, as a lower bound for the generated one.
/// </summary>
[MemoryDiagnoser]
public class SpiralVjpBenchmarks
{
    private readonly SpiralFixedCase _case = new();
    private readonly double[] _w = new double[2 * SpiralFixedCase.Batch];
    private readonly double[] _dy = new double[2 * SpiralFixedCase.Batch];
    private readonly double[] _wJy = new double[2 * SpiralFixedCase.Batch];
    private readonly double[] _wJp = new double[SpiralMlp.ParameterCount];

    public SpiralVjpBenchmarks()
    {
        for (int i = 0; i < _w.Length; i++) _w[i] = Math.Sin(i + 1);
    }

    /// <summary>Refuses to time a hand-written VJP that disagrees with the generated one.</summary>
    [GlobalSetup]
    public void CheckHandVjp()
    {
        var wJy = new double[_wJy.Length];
        var wJp = new double[_wJp.Length];
        Vjp();
        SpiralHandVjp.Vjp(_case.Y0, _case.P, _w, new double[_dy.Length], wJy, wJp);
        for (int i = 0; i < wJp.Length; i++)
            if (Math.Abs(wJp[i] - _wJp[i]) > 1e-12 * (1 + Math.Abs(_wJp[i])))
                throw new InvalidOperationException($"hand-written wJp[{i}] = {wJp[i]}, generated {_wJp[i]}");
        for (int i = 0; i < wJy.Length; i++)
            if (Math.Abs(wJy[i] - _wJy[i]) > 1e-12 * (1 + Math.Abs(_wJy[i])))
                throw new InvalidOperationException($"hand-written wJy[{i}] = {wJy[i]}, generated {_wJy[i]}");
    }

    [Benchmark(Baseline = true, Description = "Vjp, batch 20 (generated)")]
    public double Vjp() => _case.System.Vjp(0, _case.Y0, _case.P, _w, _dy, _wJy, _wJp);

    [Benchmark(Description = "Vjp without f, batch 20 (generated)")]
    public double VjpWithoutForward() => _case.System.Vjp(0, _case.Y0, _case.P, _w, Span<double>.Empty, _wJy, _wJp);

    [Benchmark(Description = "Forward, batch 20 (generated)")]
    public double Forward()
    {
        _case.System.Forward(0, _case.Y0, _case.P, _dy);
        return _dy[0];
    }

    [Benchmark(Description = "inner Vjp called 20 times, wJp summed (generated)")]
    public double InnerVjps()
    {
        // What BatchedSystem.Vjp does, minus its argument checks: isolates the cost of batching.
        var inner = new SpiralMlp.RhsSystem();
        Span<double> scratch = stackalloc double[SpiralMlp.ParameterCount];
        double wJt = inner.Vjp(0, _case.Y0.AsSpan(0, 2), _case.P, _w.AsSpan(0, 2), _dy.AsSpan(0, 2), _wJy.AsSpan(0, 2), _wJp);
        for (int b = 1; b < SpiralFixedCase.Batch; b++)
        {
            wJt += inner.Vjp(0, _case.Y0.AsSpan(2 * b, 2), _case.P, _w.AsSpan(2 * b, 2), _dy.AsSpan(2 * b, 2), _wJy.AsSpan(2 * b, 2), scratch);
            for (int k = 0; k < scratch.Length; k++) _wJp[k] += scratch[k];
        }
        return wJt;
    }

    [Benchmark(Description = "1000 Math.Tanh (one batch's hidden layer)")]
    public double Tanh1000()
    {
        double sum = 0, s = _case.P[0];
        for (int i = 0; i < 1000; i++) sum += Math.Tanh(s + 1e-3 * i);
        return sum;
    }

    [Benchmark(Description = "Vjp, batch 20, tanh kept (hand-written)")]
    public double HandVjp() => SpiralHandVjp.Vjp(_case.Y0, _case.P, _w, _dy, _wJy, _wJp);
}
