using System;
using BenchmarkDotNet.Attributes;
using LoopMlp = OdeGen.Tests.Corpus.Mlp;

namespace OdeGen.Benchmarks;

/// <summary>
/// What the generated second derivatives cost beside the first: Robertson (3 states, straight-line, the stiff
/// solvers' case) and the spiral's 2-50-2 MLP (loops). A central difference of the JVP, the way the runtime took second
/// derivatives before, costs two JVPs per direction and gives half the digits.
/// </summary>
[MemoryDiagnoser]
public class SecondOrderBenchmarks
{
    private readonly DerivativeRobertson.RhsSystem _robertson = new();
    private readonly LoopMlp.RhsSystem _mlp = new();
    private readonly double[] _ry = [0.9, 2e-5, 0.1], _rp = [0.04, 3e7, 1e4], _rv = [0.3, -0.2, 0.5], _rvp = new double[3], _rw = [1.0, -0.5, 0.25];
    private readonly double[] _my = [0.7, -1.1], _mv = [0.3, 0.8], _mw = [1.0, -0.5];
    private readonly double[] _mp = new double[LoopMlp.Hidden * 5 + 2], _mvp = new double[LoopMlp.Hidden * 5 + 2];
    private readonly double[] _jv = new double[3], _hy = new double[3], _hp = new double[LoopMlp.Hidden * 5 + 2], _gy = new double[3];

    public SecondOrderBenchmarks()
    {
        for (int k = 0; k < _mp.Length; k++) _mp[k] = 0.1 * Math.Sin(k + 1);
    }

    [Benchmark(Description = "Robertson Jvp")]
    public void RobertsonJvp() => _robertson.Jvp(0, _ry, _rp, _rv, _rvp, 0, Span<double>.Empty, _jv);

    [Benchmark(Description = "Robertson JvpVjp")]
    public void RobertsonJvpVjp() => _robertson.JvpVjp(0, _ry, _rp, _rv, _rvp, _rw, _jv, _hy, _hp.AsSpan(0, 3));

    [Benchmark(Description = "Robertson DivergenceGradient")]
    public double RobertsonDivergenceGradient() => _robertson.DivergenceGradient(0, _ry, _rp, _gy, _hp.AsSpan(0, 3));

    [Benchmark(Description = "MLP Jvp")]
    public void MlpJvp() => _mlp.Jvp(0, _my, _mp, _mv, _mvp, 0, Span<double>.Empty, _jv.AsSpan(0, 2));

    [Benchmark(Description = "MLP Vjp")]
    public double MlpVjp() => _mlp.Vjp(0, _my, _mp, _mw, Span<double>.Empty, _gy.AsSpan(0, 2), _hp);

    [Benchmark(Description = "MLP JvpVjp")]
    public void MlpJvpVjp() => _mlp.JvpVjp(0, _my, _mp, _mv, _mvp, _mw, _jv.AsSpan(0, 2), _hy.AsSpan(0, 2), _hp);

    [Benchmark(Description = "MLP Divergence (2 JVPs)")]
    public double MlpDivergence() => _mlp.Divergence(0, _my, _mp);

    [Benchmark(Description = "MLP DivergenceGradient (2 JvpVjps)")]
    public double MlpDivergenceGradient() => _mlp.DivergenceGradient(0, _my, _mp, _gy.AsSpan(0, 2), _hp);
}
