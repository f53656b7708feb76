using System;
using BenchmarkDotNet.Attributes;
using OdeGen.Tests.Corpus;

namespace OdeGen.Benchmarks;

/// <summary>
/// JacobianY of the test corpus's reaction–diffusion on 100 cells (tridiagonal): the generated code takes one JVP per
/// group of columns that share no row (3 groups), where it took one per column before; the column-by-column row
/// rebuilds that from 100 unit JVPs through the public Jvp. A Rodas5P solve, which evaluates JacobianY every step,
/// shows what it means for a stiff solve.
/// </summary>
[MemoryDiagnoser]
public class SparseJacobianBenchmarks
{
    private const int N = ReactionDiffusion.Cells;
    private readonly ReactionDiffusion.RhsSystem _system = new();
    private readonly double[] _y = new double[N];
    private readonly double[] _p = [1e-3, 1.0];
    private readonly double[] _jac = new double[N * N];
    private readonly double[] _unit = new double[N];
    private readonly double[] _column = new double[N];
    private readonly double[] _noParameters = new double[2];

    public SparseJacobianBenchmarks()
    {
        for (int i = 0; i < N; i++) _y[i] = 0.5 + 0.3 * Math.Sin(0.1 * i);
    }

    [Benchmark(Baseline = true, Description = "JacobianY, 3 colored JVPs (generated)")]
    public double Colored()
    {
        _system.JacobianY(0, _y, _p, _jac);
        return _jac[N + 1];
    }

    [Benchmark(Description = "JacobianY from 100 unit JVPs")]
    public double ColumnByColumn()
    {
        for (int j = 0; j < N; j++)
        {
            _unit[j] = 1;
            _system.Jvp(0, _y, _p, _unit, _noParameters, 0, Span<double>.Empty, _column);
            _unit[j] = 0;
            for (int i = 0; i < N; i++) _jac[i * N + j] = _column[i];
        }
        return _jac[N + 1];
    }

    [Benchmark(Description = "Rodas5P solve, t in [0, 1]")]
    public int Rodas5PSolve()
        => Ode.Solve(_system, _y, _p, 0, 1, new Rodas5P(), new SolverOptions { RelTol = 1e-6, AbsTol = 1e-8 }).Stats.Njac;
}
