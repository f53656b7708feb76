using System.Text.Json;
using OdeGen.Solvers.Tests.Systems;

namespace OdeGen.Solvers.Tests;

/// <summary>
/// Published and high-precision reference solutions (Data/problems.json, each entry with its source): the end state
/// at the recommended tolerances must pass the entry's suggested check
/// <c>|y_i - ref_i| &lt;= atol + rtol |ref_i|</c>.
/// </summary>
public class ReferenceProblemTests
{
    public static TheoryData<string, string> Cases => new()
    {
        { "arenstorf", "Dopri5" }, { "arenstorf", "Tsit5" }, { "arenstorf", "Dop853" },
        { "lorenz", "Dopri5" }, { "lorenz", "Tsit5" }, { "lorenz", "Dop853" }, { "lorenz", "Rodas5P" },
        { "vdp_mu1", "Dopri5" }, { "vdp_mu1", "Tsit5" }, { "vdp_mu1", "Dop853" }, { "vdp_mu1", "Rodas5P" },
        { "vdpolm_stiff_mu1000", "Rodas5P" },
        { "rober_t40", "Rodas5P" },
        { "brusselator", "Dopri5" }, { "brusselator", "Tsit5" }, { "brusselator", "Dop853" }, { "brusselator", "Rodas5P" },
        { "lotka_volterra", "Dopri5" }, { "lotka_volterra", "Tsit5" }, { "lotka_volterra", "Dop853" }, { "lotka_volterra", "Rodas5P" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void End_state_passes_suggested_check(string problem, string solverName)
    {
        var entry = Problems.Get(problem);
        var y0 = Problems.Array(entry, "y0");
        var reference = Problems.Array(entry, "reference_y1");
        double t0 = Problems.Number(entry, "t0"), t1 = Problems.Number(entry, "t1");
        var options = new SolverOptions
        {
            RelTol = Problems.Number(entry, "recommended_tolerances", "rtol"),
            AbsTol = Problems.Number(entry, "recommended_tolerances", "atol"),
            SaveAt = [t1],
        };
        var solution = Solve(problem, y0, Parameters(entry), t0, t1, SolverFactory.Create(solverName), options);
        double rtol = Problems.Number(entry, "suggested_check", "rtol");
        double atol = Problems.Number(entry, "suggested_check", "atol");
        Assert.Equal(t1, solution.Times[^1]);
        var y1 = solution.State(solution.Count - 1);
        for (int i = 0; i < reference.Length; i++)
        {
            double bound = atol + rtol * Math.Abs(reference[i]);
            Assert.True(Math.Abs(y1[i] - reference[i]) <= bound,
                $"{problem} with {solverName}: y[{i}] = {y1[i]:R}, reference {reference[i]:R}, error {Math.Abs(y1[i] - reference[i]):E2} > {bound:E2}");
        }
    }

    internal static double[] Parameters(JsonElement entry)
    {
        var values = new List<double>();
        foreach (var property in entry.GetProperty("params").EnumerateObject()) values.Add(property.Value.GetDouble());
        return values.ToArray();
    }

    internal static OdeSolution Solve(string problem, double[] y0, double[] p, double t0, double t1, IOdeSolver solver, SolverOptions options)
        => problem switch
        {
            "arenstorf" => Ode.Solve(new Arenstorf(), y0, p, t0, t1, solver, options),
            "lorenz" => Ode.Solve(new Lorenz(), y0, p, t0, t1, solver, options),
            "vdp_mu1" or "vdpolm_stiff_mu1000" => Ode.Solve(new VanDerPol(), y0, p, t0, t1, solver, options),
            "rober_t40" => Ode.Solve(new Robertson(), y0, p, t0, t1, solver, options),
            "brusselator" => Ode.Solve(new Brusselator(), y0, p, t0, t1, solver, options),
            "lotka_volterra" => Ode.Solve(new LotkaVolterra(), y0, p, t0, t1, solver, options),
            _ => throw new ArgumentException(problem),
        };
}
