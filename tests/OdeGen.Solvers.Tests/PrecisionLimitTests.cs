using OdeGen.Solvers.Tests.Systems;

namespace OdeGen.Solvers.Tests;

/// <summary>Requests that double precision cannot honour fail at once with a message that says why, never silently.</summary>
public class PrecisionLimitTests
{
    private static readonly double[] Y0 = [1.0, 0.0, 0.0];
    private static readonly double[] P = [0.0, 1.0, 0.0];

    [Theory]
    [InlineData("Euler")]
    [InlineData("Rk4")]
    [InlineData("Rodas5P")]
    public void A_fixed_step_below_the_spacing_of_doubles_at_t_is_an_error(string solver)
    {
        // At t0 = 1e16 doubles are 2 apart: steps of 0.002 would be rounded to 0 (995 of 1000) or to 2.
        const double t0 = 1e16;
        var e = Assert.Throws<OdeSolverException>(() => Ode.Solve(new LinearSystem(), Y0, P, t0, t0 + 2, SolverFactory.Create(solver),
            new SolverOptions { FixedStep = 0.002 }));
        Assert.Equal(OdeSolverFailure.StepSizeTooSmall, e.Reason);
        Assert.Contains("FixedStep 0.002 is too small", e.Message);
        Assert.Contains("2 apart", e.Message);
        Assert.Equal(t0, e.TimeReached);
    }

    [Fact]
    public void A_fixed_step_well_above_the_spacing_of_doubles_at_t_is_accepted()
    {
        // At t0 = 1e6 doubles are 1.2e-10 apart; steps of 1e-3 are exact to 1e-7 relative.
        const double t0 = 1e6;
        var sol = Ode.Solve(new LinearSystem(), Y0, P, t0, t0 + 1, new Rk4(), new SolverOptions { FixedStep = 1e-3 });
        Assert.Equal(Math.Cos(1.0), sol.State(sol.Count - 1)[0], 1e-9);
    }

    [Theory]
    [InlineData(1e-300, 1e-300)]
    [InlineData(1e-16, 1e-10)]
    public void A_relative_tolerance_below_double_rounding_is_rejected_at_the_start(double rtol, double atol)
    {
        var e = Assert.ThrowsAny<ArgumentException>(() => Ode.Solve(new LinearSystem(), Y0, P, 0, 1, new Dopri5(), new SolverOptions { RelTol = rtol, AbsTol = atol }));
        Assert.Equal("options.RelTol", e.ParamName);
        Assert.Contains("no step can meet it in double precision", e.Message);
    }

    [Fact]
    public void The_smallest_accepted_relative_tolerance_solves()
    {
        var sol = Ode.Solve(new LinearSystem(), Y0, P, 0, 1, new Dop853(), new SolverOptions { RelTol = 1e-15, AbsTol = 1e-15 });
        Assert.Equal(Math.Cos(1.0), sol.State(sol.Count - 1)[0], 1e-13);
    }
}
