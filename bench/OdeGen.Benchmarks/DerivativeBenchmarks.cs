using System;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;

namespace OdeGen.Benchmarks;

/// <summary>
/// Generated derivatives of one system against its hand-written ones and against <c>Forward</c>.
/// Both are called on the struct type directly (constrained generic calls, specialized by the JIT for
/// each value type), never through the interface. Categories, each with its own baseline:
/// <list type="bullet">
/// <item><c>Cost</c>: <c>Forward</c> (baseline), generated <c>Vjp</c> with and without <c>f</c>, generated <c>Jvp</c>.</item>
/// <item><c>Vjp</c>: hand-written (baseline) against generated <c>Vjp</c>, gradient only (<c>dy</c> empty).</item>
/// <item><c>VjpWithF</c>: the same, also writing <c>f</c> into <c>dy</c>.</item>
/// <item><c>JacobianY</c>: hand-written (baseline) against generated dense <c>df/dy</c>.</item>
/// </list>
/// Median and Min are shown besides the Mean because the benchmark machine is shared: they are less
/// sensitive to other processes taking the CPU in bursts.
/// </summary>
[MemoryDiagnoser]
[MedianColumn, MinColumn]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public abstract class DerivativeBenchmarks<TSystem, THand>
    where TSystem : struct, IOdeSystem
    where THand : struct, IHandDerivatives
{
    private const double T = 0.5;

    private static string SystemName => typeof(TSystem).DeclaringType?.Name ?? typeof(TSystem).Name;

    private double[] _y = Array.Empty<double>();
    private double[] _p = Array.Empty<double>();
    private double[] _w = Array.Empty<double>();
    private double[] _vy = Array.Empty<double>();
    private double[] _vp = Array.Empty<double>();
    private double[] _dy = Array.Empty<double>();
    private double[] _wJy = Array.Empty<double>();
    private double[] _wJp = Array.Empty<double>();
    private double[] _jv = Array.Empty<double>();
    private double[] _jac = Array.Empty<double>();

    /// <summary>The point (y, p) at which the derivatives are taken.</summary>
    protected abstract (double[] Y, double[] P) Point();

    /// <summary>Allocates the buffers and checks the hand-written derivatives against the generated ones.</summary>
    [GlobalSetup]
    public void Setup()
    {
        TSystem system = default;
        int n = system.StateSize, m = system.ParameterSize;
        (_y, _p) = Point();
        if (_y.Length != n || _p.Length != m)
        {
            throw new InvalidOperationException($"{SystemName}: point has sizes ({_y.Length}, {_p.Length}), system ({n}, {m})");
        }
        _w = Fill(n, 0.37);
        _vy = Fill(n, 0.81);
        _vp = Fill(m, 0.23);
        _dy = new double[n];
        _wJy = new double[n];
        _wJp = new double[m];
        _jv = new double[n];
        _jac = new double[n * n];
        DerivativeVerification.Verify<TSystem, THand>(SystemName, _y, _p, _w, _vy, _vp);
    }

    // Deterministic, non-symmetric test vectors with entries of both signs, of order 1.
    private static double[] Fill(int length, double seed)
    {
        var v = new double[length];
        for (int i = 0; i < length; i++)
        {
            v[i] = Math.Sin(seed * (i + 1) + 1.0) + 0.25 * (i % 3) - 0.1;
        }
        return v;
    }

    // ---- Cost: everything relative to Forward ----

    /// <summary>dy = f(t, y, p).</summary>
    [Benchmark(Baseline = true), BenchmarkCategory("Cost")]
    public void Forward() => default(TSystem).Forward(T, _y, _p, _dy);

    /// <summary>Generated Vjp, also writing f.</summary>
    [Benchmark, BenchmarkCategory("Cost")]
    public double GeneratedVjpWithF_Cost() => default(TSystem).Vjp(T, _y, _p, _w, _dy, _wJy, _wJp);

    /// <summary>Generated Vjp, gradient only.</summary>
    [Benchmark, BenchmarkCategory("Cost")]
    public double GeneratedVjp_Cost() => default(TSystem).Vjp(T, _y, _p, _w, Span<double>.Empty, _wJy, _wJp);

    /// <summary>Generated Jvp, also writing f.</summary>
    [Benchmark, BenchmarkCategory("Cost")]
    public void GeneratedJvpWithF_Cost() => default(TSystem).Jvp(T, _y, _p, _vy, _vp, 1.0, _dy, _jv);

    /// <summary>Generated Jvp, jv only.</summary>
    [Benchmark, BenchmarkCategory("Cost")]
    public void GeneratedJvp_Cost() => default(TSystem).Jvp(T, _y, _p, _vy, _vp, 1.0, Span<double>.Empty, _jv);

    // ---- Vjp: generated against hand-written, gradient only ----

    /// <summary>Hand-written Vjp, gradient only.</summary>
    [Benchmark(Baseline = true), BenchmarkCategory("Vjp")]
    public double HandVjp() => default(THand).Vjp(T, _y, _p, _w, Span<double>.Empty, _wJy, _wJp);

    /// <summary>Generated Vjp, gradient only.</summary>
    [Benchmark, BenchmarkCategory("Vjp")]
    public double GeneratedVjp() => default(TSystem).Vjp(T, _y, _p, _w, Span<double>.Empty, _wJy, _wJp);

    // ---- VjpWithF: generated against hand-written, also writing f ----

    /// <summary>Hand-written Vjp, also writing f.</summary>
    [Benchmark(Baseline = true), BenchmarkCategory("VjpWithF")]
    public double HandVjpWithF() => default(THand).Vjp(T, _y, _p, _w, _dy, _wJy, _wJp);

    /// <summary>Generated Vjp, also writing f.</summary>
    [Benchmark, BenchmarkCategory("VjpWithF")]
    public double GeneratedVjpWithF() => default(TSystem).Vjp(T, _y, _p, _w, _dy, _wJy, _wJp);

    // ---- JacobianY: generated against hand-written ----

    /// <summary>Hand-written dense df/dy.</summary>
    [Benchmark(Baseline = true), BenchmarkCategory("JacobianY")]
    public void HandJacobianY() => default(THand).JacobianY(T, _y, _p, _jac);

    /// <summary>Generated dense df/dy.</summary>
    [Benchmark, BenchmarkCategory("JacobianY")]
    public void GeneratedJacobianY() => default(TSystem).JacobianY(T, _y, _p, _jac);
}

/// <summary>Lorenz at a point on the attractor, classic parameters.</summary>
public class DerivativeLorenzBenchmarks : DerivativeBenchmarks<DerivativeLorenz.RhsSystem, DerivativeLorenzHand>
{
    /// <inheritdoc/>
    protected override (double[] Y, double[] P) Point() =>
        (new[] { 1.2, -0.7, 24.3 }, new[] { 10.0, 28.0, 8.0 / 3.0 });
}

/// <summary>Robertson at an early-transient point, the classic stiff rate constants.</summary>
public class DerivativeRobertsonBenchmarks : DerivativeBenchmarks<DerivativeRobertson.RhsSystem, DerivativeRobertsonHand>
{
    /// <inheritdoc/>
    protected override (double[] Y, double[] P) Point() =>
        (new[] { 0.9, 3.1e-5, 0.1 }, new[] { 0.04, 3e7, 1e4 });
}

/// <summary>The 20-state chain at a non-symmetric point.</summary>
public class DerivativeChain20Benchmarks : DerivativeBenchmarks<DerivativeChain20.RhsSystem, DerivativeChain20Hand>
{
    /// <inheritdoc/>
    protected override (double[] Y, double[] P) Point()
    {
        var y = new double[DerivativeChain20.N];
        for (int i = 0; i < y.Length; i++)
        {
            y[i] = 0.3 + 0.9 * Math.Cos(0.7 * i) - 0.02 * i;
        }
        return (y, new[] { 1.3, 0.7, 0.9 });
    }
}
