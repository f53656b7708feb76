using System;
using System.Linq;
using BenchmarkDotNet.Attributes;

namespace OdeGen.Benchmarks;

/// <summary>
/// One gradient problem: a system, its inputs, a sum-of-squares loss at the observation times, and the work of a
/// plain forward solve and of each sensitivity method (Dopri5, rtol = atol = 1e-8).
/// </summary>
public sealed class GradientCase<TSystem> where TSystem : struct, IOdeSystem
{
    private static readonly LossGradient SumOfSquares = (int k, double t, ReadOnlySpan<double> y, Span<double> dLdy) =>
    {
        for (int i = 0; i < y.Length; i++) dLdy[i] = 2 * y[i];
    };

    private readonly double[] _y0;
    private readonly double[] _p;
    private readonly double[] _times;
    private readonly SolverOptions _solve;
    private readonly SolverOptions _gradient = new() { RelTol = 1e-8, AbsTol = 1e-8 };
    private readonly Dopri5 _solver = new();

    public GradientCase(double[] y0, double[] p, double[] times)
    {
        _y0 = y0;
        _p = p;
        _times = times;
        _solve = new SolverOptions { RelTol = 1e-8, AbsTol = 1e-8, SaveAt = times };
    }

    /// <summary>The forward solve alone, with the loss: the baseline a gradient's cost is measured against.</summary>
    public double Loss()
    {
        var sol = Ode.Solve(default(TSystem), _y0, _p, 0.0, _times[^1], _solver, _solve);
        double loss = 0;
        for (int k = 0; k < sol.Count; k++)
            foreach (double v in sol.State(k)) loss += v * v;
        return loss;
    }

    public GradientResult Gradient(SensitivityMethod method)
        => Sensitivity.Gradient(default(TSystem), _y0, _p, 0.0, _times, SumOfSquares, method, _solver, _gradient);

    public SolverStats ForwardStats() => Ode.Solve(default(TSystem), _y0, _p, 0.0, _times[^1], _solver, _solve).Stats;
}

/// <summary>Shared benchmark methods: the forward solve as baseline, then each method's gradient.</summary>
[MemoryDiagnoser]
[Config(typeof(GradientConfig))]
public abstract class GradientBenchmarks<TSystem> where TSystem : struct, IOdeSystem
{
    private readonly BacksolveAdjoint _backsolve = new();
    private readonly BacksolveAdjoint _backsolveSeminorm = new() { Seminorm = true };
    private readonly InterpolatingAdjoint _interpolating = new();
    private readonly InterpolatingAdjoint _checkpointed = new() { Checkpoints = 10 };
    private readonly ForwardSensitivity _forward = new();
    private readonly DiscreteAdjoint _discrete = new();

    internal abstract GradientCase<TSystem> Case { get; }

    [Benchmark(Baseline = true)]
    public double ForwardSolve() => Case.Loss();

    [Benchmark]
    public double Backsolve() => Case.Gradient(_backsolve).P[0];

    [Benchmark]
    public double BacksolveSeminorm() => Case.Gradient(_backsolveSeminorm).P[0];

    [Benchmark]
    public double Interpolating() => Case.Gradient(_interpolating).P[0];

    [Benchmark]
    public double InterpolatingCheckpointed() => Case.Gradient(_checkpointed).P[0];

    [Benchmark]
    public double ForwardSensitivity() => Case.Gradient(_forward).P[0];

    [Benchmark]
    public double Discrete() => Case.Gradient(_discrete).P[0];

    /// <summary>Forward and backward evaluations of the benchmark named <paramref name="benchmark"/>, for the summary column.</summary>
    internal (SolverStats Forward, SolverStats Backward) Evaluations(string benchmark) => benchmark switch
    {
        nameof(ForwardSolve) => (Case.ForwardStats(), default),
        nameof(Backsolve) => Stats(_backsolve),
        nameof(BacksolveSeminorm) => Stats(_backsolveSeminorm),
        nameof(Interpolating) => Stats(_interpolating),
        nameof(InterpolatingCheckpointed) => Stats(_checkpointed),
        nameof(ForwardSensitivity) => Stats(_forward),
        nameof(Discrete) => Stats(_discrete),
        _ => (default, default),
    };

    private (SolverStats, SolverStats) Stats(SensitivityMethod method)
    {
        var g = Case.Gradient(method);
        return (g.ForwardStats, g.BackwardStats);
    }
}

/// <summary>Lotka–Volterra (a, b, c, d = 1.5, 1, 3, 1; y0 = [1, 1]), sum of squares at 20 times 0.5 … 10.</summary>
public class GradientLotkaVolterra : GradientBenchmarks<GradientLotkaVolterraSystem.RhsSystem>
{
    private static readonly GradientCase<GradientLotkaVolterraSystem.RhsSystem> Problem = new(
        [1.0, 1.0], [1.5, 1.0, 3.0, 1.0], Enumerable.Range(1, 20).Select(i => 0.5 * i).ToArray());

    internal override GradientCase<GradientLotkaVolterraSystem.RhsSystem> Case => Problem;
}

/// <summary>Lorenz-96 with 20 states and 20 forcings (F_i = 8, y0 = 8 except y0_0 = 8.01), sum of squares at 10 times 0.1 … 1.</summary>
public class GradientLorenz96 : GradientBenchmarks<GradientLorenz96System.RhsSystem>
{
    private static readonly GradientCase<GradientLorenz96System.RhsSystem> Problem = new(
        Enumerable.Range(0, 20).Select(i => i == 0 ? 8.01 : 8.0).ToArray(),
        Enumerable.Repeat(8.0, 20).ToArray(),
        Enumerable.Range(1, 10).Select(i => 0.1 * i).ToArray());

    internal override GradientCase<GradientLorenz96System.RhsSystem> Case => Problem;
}
