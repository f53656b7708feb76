using System;
using System.IO;
using BenchmarkDotNet.Attributes;

namespace OdeGen.Benchmarks;

/// <summary>
/// Work-precision on the Arenstorf orbit (HNW I, Sect. II.0): time per solve for Dopri5, Tsit5 and Dop853 at
/// rtol = atol = 1e-4 … 1e-12. The matching errors (|y(T) - y0|, the orbit being periodic) and evaluation counts
/// are printed by <c>dotnet run -c Release -- solver-accuracy</c>.
/// </summary>
[MemoryDiagnoser]
public class SolverWorkPrecisionBenchmarks
{
    internal const double T = 17.0652165601579625588917206249;
    internal static readonly double[] Y0 = [0.994, 0.0, 0.0, -2.00158510637908252240537862224];
    internal static readonly double[] P = [0.012277471];
    private IOdeSolver _solver = new Dopri5();
    private SolverOptions _options = new();

    [Params("Dopri5", "Tsit5", "Dop853")]
    public string Solver { get; set; } = "Dopri5";

    [Params(1e-4, 1e-6, 1e-8, 1e-10, 1e-12)]
    public double Tol { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _solver = Create(Solver);
        _options = new SolverOptions { RelTol = Tol, AbsTol = Tol, SaveAt = [T] };
    }

    [Benchmark(Description = "Arenstorf")]
    public double Arenstorf() => Ode.Solve(new SolverArenstorf(), Y0, P, 0, T, _solver, _options).State(0)[0];

    internal static IOdeSolver Create(string name) => name switch
    {
        "Dopri5" => new Dopri5(),
        "Tsit5" => new Tsit5(),
        "Dop853" => new Dop853(),
        _ => throw new ArgumentException(name, nameof(name)),
    };

    /// <summary>Prints the error and work of every case as a Markdown table.</summary>
    public static void PrintAccuracy(TextWriter output)
    {
        output.WriteLine("| solver | tol | error max_i |y_i(T) - y_i(0)| | f evaluations | accepted | rejected |");
        output.WriteLine("|---|---|---|---|---|---|");
        foreach (var name in new[] { "Dopri5", "Tsit5", "Dop853" })
        {
            foreach (double tol in new[] { 1e-4, 1e-6, 1e-8, 1e-10, 1e-12 })
            {
                var sol = Ode.Solve(new SolverArenstorf(), Y0, P, 0, T, Create(name), new SolverOptions { RelTol = tol, AbsTol = tol, SaveAt = [T] });
                double error = 0;
                for (int i = 0; i < 4; i++) error = Math.Max(error, Math.Abs(sol.State(0)[i] - Y0[i]));
                output.WriteLine($"| {name} | {tol:0e0} | {error:0.00e0} | {sol.Stats.Nfe} | {sol.Stats.AcceptedSteps} | {sol.Stats.RejectedSteps} |");
            }
        }
    }
}
