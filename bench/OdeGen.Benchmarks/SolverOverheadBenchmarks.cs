using System;
using BenchmarkDotNet.Attributes;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.OdeSolvers;

namespace OdeGen.Benchmarks;

/// <summary>
/// Per-step overhead of the solvers on Lorenz (t in [0, 10]): Dopri5 at tolerance 1e-8, the right-hand side alone for
/// the same number of evaluations, and fixed-step RK4 against MathNet.Numerics' RungeKutta.FourthOrder with the same
/// number of steps (MathNet allocates vectors in every stage; OdeGen allocates nothing per step).
/// </summary>
[MemoryDiagnoser]
public class SolverOverheadBenchmarks
{
    private const double T1 = 10;
    private const int Rk4Steps = 10_000;
    private static readonly double[] Y0 = [1.0, 0.0, 0.0];
    private static readonly double[] P = [10.0, 28.0, 8.0 / 3.0];
    private readonly Dopri5 _dopri5 = new();
    private readonly Rk4 _rk4 = new();
    private readonly SolverOptions _adaptive = new() { RelTol = 1e-8, AbsTol = 1e-8, SaveAt = [T1] };
    private readonly SolverOptions _fixed = new() { FixedStep = T1 / Rk4Steps, SaveAt = [T1] };
    private readonly double[] _y = new double[3];
    private readonly double[] _dy = new double[3];
    private int _dopri5Evaluations;

    [GlobalSetup]
    public void Setup()
    {
        _dopri5Evaluations = Ode.Solve(new SolverLorenz(), Y0, P, 0, T1, _dopri5, _adaptive).Stats.Nfe;
        Console.WriteLine($"// Dopri5 on Lorenz, tol 1e-8: {_dopri5Evaluations} evaluations");
    }

    [Benchmark(Description = "Dopri5, Lorenz, tol 1e-8")]
    public double Dopri5Lorenz() => Ode.Solve(new SolverLorenz(), Y0, P, 0, T1, _dopri5, _adaptive).State(0)[0];

    [Benchmark(Description = "Lorenz f alone, same evaluations")]
    public double RightHandSideOnly()
    {
        var system = new SolverLorenz();
        Y0.CopyTo(_y, 0);
        for (int i = 0; i < _dopri5Evaluations; i++)
        {
            system.Forward(0, _y, P, _dy);
            _y[0] += 1e-9 * _dy[0];
        }
        return _y[0];
    }

    [Benchmark(Description = "OdeGen Rk4, Lorenz, 10000 steps")]
    public double OdeGenRk4() => Ode.Solve(new SolverLorenz(), Y0, P, 0, T1, _rk4, _fixed).State(0)[0];

    [Benchmark(Baseline = true, Description = "MathNet RungeKutta.FourthOrder, 10000 steps")]
    public double MathNetRk4()
    {
        double s = P[0], r = P[1], b = P[2];
        var result = RungeKutta.FourthOrder(Vector<double>.Build.DenseOfArray(Y0), 0, T1, Rk4Steps + 1,
            (t, y) => Vector<double>.Build.DenseOfArray([s * (y[1] - y[0]), y[0] * (r - y[2]) - y[1], y[0] * y[1] - b * y[2]]));
        return result[Rk4Steps][0];
    }
}
