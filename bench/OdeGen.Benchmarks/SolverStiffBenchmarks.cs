using BenchmarkDotNet.Attributes;
using MathNet.Numerics.LinearAlgebra;

namespace OdeGen.Benchmarks;

/// <summary>Rodas5P on Robertson to t = 40, and its in-place LU against MathNet.Numerics' dense LU.</summary>
[MemoryDiagnoser]
public class SolverStiffBenchmarks
{
    private static readonly double[] Y0 = [1.0, 0.0, 0.0];
    private static readonly double[] P = [0.04, 3e7, 1e4];
    private readonly Rodas5P _rodas = new();
    private readonly Rodas5P _unrefined = new() { RefineStages = false };
    private readonly SolverOptions _loose = new() { RelTol = 1e-6, AbsTol = 1e-10, SaveAt = [40.0] };
    private readonly SolverOptions _tight = new() { RelTol = 1e-10, AbsTol = 1e-14, SaveAt = [40.0] };

    [Benchmark(Description = "Rodas5P, Robertson t=40, rtol 1e-6 atol 1e-10")]
    public double RobertsonLoose() => Ode.Solve(new SolverRobertson(), Y0, P, 0, 40, _rodas, _loose).State(0)[0];

    [Benchmark(Description = "Rodas5P, Robertson t=40, rtol 1e-10 atol 1e-14")]
    public double RobertsonTight() => Ode.Solve(new SolverRobertson(), Y0, P, 0, 40, _rodas, _tight).State(0)[0];

    [Benchmark(Description = "Rodas5P without stage refinement, Robertson t=40, rtol 1e-6 atol 1e-10")]
    public double RobertsonLooseUnrefined() => Ode.Solve(new SolverRobertson(), Y0, P, 0, 40, _unrefined, _loose).State(0)[0];

    [Benchmark(Description = "Rodas5P without stage refinement, Robertson t=40, rtol 1e-10 atol 1e-14")]
    public double RobertsonTightUnrefined() => Ode.Solve(new SolverRobertson(), Y0, P, 0, 40, _unrefined, _tight).State(0)[0];
}

/// <summary>Factorize and solve an n x n system: OdeGen's in-place LU over spans against MathNet's <c>Matrix.LU().Solve</c>.</summary>
[MemoryDiagnoser]
public class SolverLuBenchmarks
{
    private double[] _a = [];
    private double[] _work = [];
    private double[] _b = [];
    private double[] _x = [];
    private int[] _pivots = [];
    private Matrix<double> _matrix = Matrix<double>.Build.Dense(1, 1);
    private Vector<double> _vector = Vector<double>.Build.Dense(1);

    [Params(3, 20)]
    public int N { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var rng = new System.Random(1);
        _a = new double[N * N];
        for (int i = 0; i < _a.Length; i++) _a[i] = rng.NextDouble() - 0.5;
        for (int i = 0; i < N; i++) _a[i * N + i] += N;
        _b = new double[N];
        for (int i = 0; i < N; i++) _b[i] = rng.NextDouble();
        _work = new double[N * N];
        _x = new double[N];
        _pivots = new int[N];
        _matrix = Matrix<double>.Build.Dense(N, N, (i, j) => _a[i * N + j]);
        _vector = Vector<double>.Build.DenseOfArray(_b);
    }

    [Benchmark(Description = "OdeGen in-place LU + solve")]
    public double InPlace()
    {
        _a.CopyTo(_work, 0);
        LuDecomposition.Factor(_work, N, _pivots);
        _b.CopyTo(_x, 0);
        LuDecomposition.Solve(_work, N, _pivots, _x);
        return _x[0];
    }

    [Benchmark(Baseline = true, Description = "MathNet Matrix.LU().Solve")]
    public double MathNet() => _matrix.LU().Solve(_vector)[0];
}
