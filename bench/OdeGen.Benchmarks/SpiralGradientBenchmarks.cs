using BenchmarkDotNet.Attributes;

namespace OdeGen.Benchmarks;

/// <summary>
/// One gradient step of the Neural ODE spiral (<c>Spiral --fixed</c>): the batched forward solve and the backward pass of
/// each adjoint method, Dopri5 both ways at rtol 1e-7, atol 1e-9. torchdiffeq 0.2.5 takes about 30 ms for this step with
/// its adjoint and 4.3 ms with direct backpropagation.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(GradientConfig))]
public class SpiralGradientBenchmarks
{
    private static readonly SpiralFixedCase Case = new();
    private readonly BacksolveAdjoint _backsolve = new();
    private readonly InterpolatingAdjoint _interpolating = new();
    private readonly DiscreteAdjoint _discrete = new();

    [Benchmark(Baseline = true)]
    public int ForwardSolve() => Case.Solve().Count;

    [Benchmark]
    public double Backsolve() => Case.Gradient(_backsolve).P[0];

    [Benchmark]
    public double Interpolating() => Case.Gradient(_interpolating).P[0];

    [Benchmark]
    public double Discrete() => Case.Gradient(_discrete).P[0];

    /// <summary>Evaluations for the summary's columns (<see cref="GradientConfig"/>).</summary>
    internal (SolverStats Forward, SolverStats Backward) Evaluations(string benchmark) => benchmark switch
    {
        nameof(ForwardSolve) => (Case.Solve().Stats, default),
        nameof(Backsolve) => Stats(_backsolve),
        nameof(Interpolating) => Stats(_interpolating),
        nameof(Discrete) => Stats(_discrete),
        _ => (default, default),
    };

    private static (SolverStats, SolverStats) Stats(SensitivityMethod method)
    {
        var g = Case.Gradient(method);
        return (g.ForwardStats, g.BackwardStats);
    }
}
