using System;
using System.Numerics.Tensors;
using BenchmarkDotNet.Attributes;
using OdeGen.Samples.Spiral;
using LoopMlp = OdeGen.Tests.Corpus.Mlp;

namespace OdeGen.Benchmarks;

/// <summary>
/// The generated MLP's products on the spiral batch (20 copies of the 2-state model sharing 252 parameters), the unit
/// of work of every gradient step: PyTorch takes about 60 µs for the VJP of this batch. Two forms of the same model:
/// the sample's, whose hidden layer is one <c>TensorPrimitives.Tanh</c> call, and the test corpus's, which calls
/// <c>Math.Tanh</c> unit by unit; the hand-written VJP (Math.Tanh, loops fused by hand) is a reference for the second.
/// The last rows measure the two vectorized pieces on their own.
/// </summary>
[MemoryDiagnoser]
public class SpiralVjpBenchmarks
{
    private readonly SpiralFixedCase _case = new();
    private readonly BatchedSystem<LoopMlp.RhsSystem> _loopSystem = new(new LoopMlp.RhsSystem(), SpiralFixedCase.Batch);
    private readonly double[] _w = new double[2 * SpiralFixedCase.Batch];
    private readonly double[] _dy = new double[2 * SpiralFixedCase.Batch];
    private readonly double[] _wJy = new double[2 * SpiralFixedCase.Batch];
    private readonly double[] _wJp = new double[SpiralMlp.ParameterCount];
    private readonly double[] _scratch = new double[SpiralMlp.ParameterCount];
    private readonly double[] _preActivations = new double[SpiralMlp.Hidden];
    private readonly double[] _hidden = new double[SpiralMlp.Hidden];

    public SpiralVjpBenchmarks()
    {
        for (int i = 0; i < _w.Length; i++) _w[i] = Math.Sin(i + 1);
        for (int i = 0; i < _scratch.Length; i++) _scratch[i] = Math.Cos(i);
        for (int i = 0; i < _preActivations.Length; i++) _preActivations[i] = _case.P[0] + 1e-2 * i;
    }

    /// <summary>Refuses to time a hand-written VJP that disagrees with the generated one it is compared with.</summary>
    [GlobalSetup]
    public void CheckHandVjp()
    {
        var wJy = new double[_wJy.Length];
        var wJp = new double[_wJp.Length];
        LoopVjp();
        SpiralHandVjp.Vjp(_case.Y0, _case.P, _w, new double[_dy.Length], wJy, wJp);
        for (int i = 0; i < wJp.Length; i++)
            if (Math.Abs(wJp[i] - _wJp[i]) > 1e-12 * (1 + Math.Abs(_wJp[i])))
                throw new InvalidOperationException($"hand-written wJp[{i}] = {wJp[i]}, generated {_wJp[i]}");
        for (int i = 0; i < wJy.Length; i++)
            if (Math.Abs(wJy[i] - _wJy[i]) > 1e-12 * (1 + Math.Abs(_wJy[i])))
                throw new InvalidOperationException($"hand-written wJy[{i}] = {wJy[i]}, generated {_wJy[i]}");
    }

    [Benchmark(Baseline = true, Description = "Vjp, batch 20, TensorPrimitives.Tanh (sample)")]
    public double Vjp() => _case.System.Vjp(0, _case.Y0, _case.P, _w, _dy, _wJy, _wJp);

    [Benchmark(Description = "Vjp without f, batch 20 (sample)")]
    public double VjpWithoutForward() => _case.System.Vjp(0, _case.Y0, _case.P, _w, Span<double>.Empty, _wJy, _wJp);

    [Benchmark(Description = "Forward, batch 20 (sample)")]
    public double Forward()
    {
        _case.System.Forward(0, _case.Y0, _case.P, _dy);
        return _dy[0];
    }

    [Benchmark(Description = "Vjp, batch 20, Math.Tanh per unit (corpus)")]
    public double LoopVjp() => _loopSystem.Vjp(0, _case.Y0, _case.P, _w, _dy, _wJy, _wJp);

    [Benchmark(Description = "Forward, batch 20, Math.Tanh per unit (corpus)")]
    public double LoopForward()
    {
        _loopSystem.Forward(0, _case.Y0, _case.P, _dy);
        return _dy[0];
    }

    [Benchmark(Description = "Vjp, batch 20, Math.Tanh, fused (hand-written)")]
    public double HandVjp() => SpiralHandVjp.Vjp(_case.Y0, _case.P, _w, _dy, _wJy, _wJp);

    [Benchmark(Description = "1000 Math.Tanh (a batch's hidden layers)")]
    public double MathTanh()
    {
        double sum = 0;
        for (int b = 0; b < SpiralFixedCase.Batch; b++)
        {
            for (int i = 0; i < _hidden.Length; i++) _hidden[i] = Math.Tanh(_preActivations[i]);
            sum += _hidden[b];
        }
        return sum;
    }

    [Benchmark(Description = "20 TensorPrimitives.Tanh of 50")]
    public double VectorTanh()
    {
        double sum = 0;
        for (int b = 0; b < SpiralFixedCase.Batch; b++)
        {
            TensorPrimitives.Tanh<double>(_preActivations, _hidden);
            sum += _hidden[b];
        }
        return sum;
    }

    [Benchmark(Description = "19 parameter cotangents summed, element loop")]
    public double SumLoop()
    {
        for (int b = 1; b < SpiralFixedCase.Batch; b++)
            for (int k = 0; k < _wJp.Length; k++) _wJp[k] += _scratch[k];
        return _wJp[0];
    }

    [Benchmark(Description = "19 parameter cotangents summed, TensorPrimitives.Add")]
    public double SumVector()
    {
        for (int b = 1; b < SpiralFixedCase.Batch; b++) TensorPrimitives.Add(_wJp, _scratch, _wJp);
        return _wJp[0];
    }
}
