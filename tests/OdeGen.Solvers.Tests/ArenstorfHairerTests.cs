using OdeGen.Solvers.Tests.Systems;

namespace OdeGen.Solvers.Tests;

/// <summary>
/// Dopri5 against Hairer's own DOPRI5 (dopri5.f) on the Arenstorf orbit at rtol = atol = tol: the same error norm,
/// starting step, PI controller and FSAL counting must give the same number of evaluations (within 5%) and an error
/// no worse. Hairer's figures are in Data/problems.json ("arenstorf_dopri5_hairer"), given to three digits, so the
/// error comparison allows for that rounding (0.5%).
/// </summary>
public class ArenstorfHairerTests
{
    [Fact]
    public void Dopri5_matches_Hairers_evaluations_and_error()
    {
        var entry = Problems.Get("arenstorf");
        var y0 = Problems.Array(entry, "y0");
        double t1 = Problems.Number(entry, "t1");
        int rows = 0;
        foreach (var row in Problems.HairerDopri5Rows.EnumerateArray())
        {
            double tol = row.GetProperty("tol").GetDouble();
            int hairerNfe = row.GetProperty("nfe").GetInt32();
            double hairerError = row.GetProperty("error").GetDouble();
            var sol = Ode.Solve(new Arenstorf(), y0, [0.012277471], 0, t1, new Dopri5(),
                new SolverOptions { RelTol = tol, AbsTol = tol, SaveAt = [t1] });
            double error = 0;
            for (int i = 0; i < 4; i++) error = Math.Max(error, Math.Abs(sol.State(0)[i] - y0[i]));
            Assert.True(Math.Abs(sol.Stats.Nfe - hairerNfe) <= 0.05 * hairerNfe, $"tol {tol}: nfe {sol.Stats.Nfe}, Hairer {hairerNfe}");
            Assert.True(error <= hairerError * 1.005, $"tol {tol}: error {error:E3}, Hairer {hairerError:E3}");
            rows++;
        }
        Assert.Equal(4, rows);
    }

    [Fact]
    public void Tighter_tolerance_gives_smaller_error_for_every_adaptive_solver()
    {
        var entry = Problems.Get("arenstorf");
        var y0 = Problems.Array(entry, "y0");
        double t1 = Problems.Number(entry, "t1");
        foreach (var solver in new IOdeSolver[] { new Dopri5(), new Tsit5(), new Dop853() })
        {
            double previous = double.PositiveInfinity;
            foreach (double tol in new[] { 1e-6, 1e-9, 1e-12 })
            {
                var sol = Ode.Solve(new Arenstorf(), y0, [0.012277471], 0, t1, solver, new SolverOptions { RelTol = tol, AbsTol = tol, SaveAt = [t1] });
                double error = 0;
                for (int i = 0; i < 4; i++) error = Math.Max(error, Math.Abs(sol.State(0)[i] - y0[i]));
                Assert.True(error < previous, $"{solver.Name} at {tol}: {error:E2} not below {previous:E2}");
                previous = error;
            }
        }
    }
}
