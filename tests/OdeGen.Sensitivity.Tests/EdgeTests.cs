using OdeGen.SensitivityTests.Support;
using OdeGen.SensitivityTests.Systems;
using Xunit.Abstractions;

namespace OdeGen.SensitivityTests;

/// <summary>
/// States at the edge of the dynamics' domain: gradients from a zero state where the derivatives are finite
/// (a fitted Hill exponent, drag at rest), and NonFiniteState, from every solver and every method, where the
/// dynamics or their derivatives are NaN or infinite.
/// </summary>
public class EdgeTests(ITestOutputHelper output)
{
    public static TheoryData<string> Solvers => new() { "Euler", "Midpoint", "Rk4", "Bosh3", "Dopri5", "Tsit5", "Dop853", "Rodas5P" };

    private static readonly double[] HillY0 = [0.0, 0.0];
    private static readonly double[] HillP = [2.0, 0.4, 2.5, 0.8];
    private static readonly double[] HillTimes = [0.5, 1.0, 2.0];

    private static readonly Lazy<Reference> HillFd = new(() => Reference.FiniteDifferences(
        new HillFromZero.RhsSystem(), HillY0, HillP, 0.0, HillTimes, new Dop853(), 1e-13, 3e-4, forwardStepAtZero: 1e-4));

    private static readonly double[] DragY0 = [0.0, 0.0];
    private static readonly double[] DragP = [0.7, 1.5, -0.8];
    private static readonly double[] DragTimes = [1.0, 2.5];

    private static readonly Lazy<Reference> DragFd = new(() => Reference.FiniteDifferences(
        new DragFromRest.RhsSystem(), DragY0, DragP, 0.0, DragTimes, new Dop853(), 1e-13, 3e-4));

    [Theory]
    [InlineData("InterpolatingAdjoint")]
    [InlineData("ForwardSensitivity")]
    [InlineData("DiscreteAdjoint")]
    public void Hill_exponent_is_trained_from_a_zero_state(string method)
    {
        // Math.Pow(0, n) has ∂/∂n = 0 (not 0 · ln 0 = NaN), so the adjoints reach t0 = 0, where s = 0.
        var g = OdeGen.Sensitivity.Gradient(new HillFromZero.RhsSystem(), HillY0, HillP, 0.0, HillTimes, SumOfSquares.Gradient,
            Methods.Create(method), new Dopri5(), new SolverOptions { RelTol = 1e-10, AbsTol = 1e-10 });
        Check(method, Reference.From(g), HillFd.Value, 1e-5);
    }

    [Fact]
    public void Backsolve_adjoint_says_why_it_cannot_start_from_the_edge()
    {
        // The backsolve adjoint solves y backwards too; its s ends a rounding error below 0, where Pow(s, 2.5) is NaN.
        // That must be a NonFiniteState naming the backward pass, not a step size of 1e-314.
        var e = Assert.Throws<OdeSolverException>(() => OdeGen.Sensitivity.Gradient(new HillFromZero.RhsSystem(), HillY0, HillP, 0.0, HillTimes,
            SumOfSquares.Gradient, new BacksolveAdjoint(), new Dopri5(), new SolverOptions { RelTol = 1e-10, AbsTol = 1e-10 }));
        output.WriteLine(e.Message);
        Assert.Equal(OdeSolverFailure.NonFiniteState, e.Reason);
        Assert.Contains("BacksolveAdjoint: the backward pass failed", e.Message);
    }

    [Theory]
    [MemberData(nameof(Methods.All), MemberType = typeof(Methods))]
    public void Drag_gradients_from_rest_are_finite_and_right(string method)
    {
        // d(|v| v) = 0 at rest; the textbook d√(v·v) = (v·dv) / √(v·v) would be 0 / 0 there.
        var g = OdeGen.Sensitivity.Gradient(new DragFromRest.RhsSystem(), DragY0, DragP, 0.0, DragTimes, SumOfSquares.Gradient,
            Methods.Create(method), new Dopri5(), new SolverOptions { RelTol = 1e-10, AbsTol = 1e-10 });
        Check(method, Reference.From(g), DragFd.Value, 1e-5);
    }

    [Theory]
    [MemberData(nameof(Solvers))]
    public void NaN_inside_the_dynamics_is_a_non_finite_state(string solver)
    {
        // h(0) = 1, h' = -√h - 1 reaches 0 before t = 1; past it √h is NaN.
        var options = new SolverOptions { FixedStep = solver is "Euler" or "Midpoint" or "Rk4" ? 0.01 : null };
        var e = Assert.Throws<OdeSolverException>(() => Ode.Solve(new OverdrainedTank.RhsSystem(), [1.0], [1.0, 1.0], 0, 3, Methods.Solver(solver), options));
        output.WriteLine(e.Message);
        Assert.Equal(OdeSolverFailure.NonFiniteState, e.Reason);
        Assert.Contains("y[0]", e.Message);
        Assert.Contains("NaN", e.Message);
        Assert.InRange(e.TimeReached, 0.3, 1.0);
        Assert.Equal(e.TimeReached, e.PartialSolution.TimeReached);
        Assert.True(e.PartialSolution.Count >= 2);
    }

    [Theory]
    [MemberData(nameof(Solvers))]
    public void NaN_past_a_time_is_a_non_finite_state(string solver)
    {
        // Past t = 1 the rate is NaN whatever the state; with FSAL methods (Bosh3: stages at 0, 1/2, 3/4 build y1, the
        // fourth is f(y1)) a step's last stage can see it while y1 is finite. The steps shrink onto t = 1, and the
        // reason must still be the NaN, not the step size.
        var options = new SolverOptions { FixedStep = solver is "Euler" or "Midpoint" or "Rk4" ? 0.3 : null };
        var e = Assert.Throws<OdeSolverException>(() => Ode.Solve(new RootOfTimeLeft.RhsSystem(), [0.0], [], 0, 2, Methods.Solver(solver), options));
        output.WriteLine(e.Message);
        Assert.Equal(OdeSolverFailure.NonFiniteState, e.Reason);
        Assert.Contains("y[0]", e.Message);
        // Adaptive steps shrink onto t = 1; fixed steps of 0.3 stop at the first one whose stages pass t = 1.
        Assert.InRange(e.TimeReached, 0.5, 1.2);
    }

    [Theory]
    [InlineData("Bosh3")]
    [InlineData("Dopri5")]
    [InlineData("Tsit5")]
    public void NaN_in_the_last_stage_alone_is_a_non_finite_state(string solver)
    {
        // FSAL methods evaluate f(t + h, y1) as their last stage, for the error estimate only: a step that ends just past
        // t = 1 has a finite y1 and a NaN estimate. The steps shrink onto t = 1, and the failure must name the NaN.
        var e = Assert.Throws<OdeSolverException>(() => Ode.Solve(new UndefinedAfterOne.RhsSystem(), [0.0], [], 0, 2, Methods.Solver(solver)));
        output.WriteLine(e.Message);
        Assert.Equal(OdeSolverFailure.NonFiniteState, e.Reason);
        // Bosh3's y1 uses only the stages at t, t + h/2 and t + 3h/4, so its last attempts fail in the FSAL stage alone.
        Assert.Contains(solver == "Bosh3" ? "a stage of y[0] became NaN" : "y[0] became NaN", e.Message);
        Assert.InRange(e.TimeReached, 0.999, 1.0);
    }

    [Theory]
    [MemberData(nameof(Methods.All), MemberType = typeof(Methods))]
    public void NaN_inside_the_dynamics_stops_every_gradient_method(string method)
    {
        var e = Assert.Throws<OdeSolverException>(() => OdeGen.Sensitivity.Gradient(new OverdrainedTank.RhsSystem(), [1.0], [1.0, 1.0], 0.0, [3.0],
            SumOfSquares.Gradient, Methods.Create(method), new Dopri5()));
        output.WriteLine(e.Message);
        Assert.Equal(OdeSolverFailure.NonFiniteState, e.Reason);
        Assert.Contains("forward pass failed", e.Message);
    }

    [Theory]
    [InlineData("InterpolatingAdjoint")]
    [InlineData("ForwardSensitivity")]
    [InlineData("DiscreteAdjoint")]
    public void An_infinite_derivative_stops_the_gradient_methods_that_meet_it(string method)
    {
        // The solution is finite, but ∂√s/∂s is infinite at s = 0 = s(t0): these methods evaluate it there (the
        // interpolating adjoint at t0, forward sensitivity at its first stage, the discrete adjoint in the first step's
        // first stage, whose discrete solution depends on √s0). The backsolve adjoint's backwards-solved s ends a rounding
        // error away from 0 and need not meet it.
        var e = Assert.Throws<OdeSolverException>(() => OdeGen.Sensitivity.Gradient(new RootOfTime.RhsSystem(), [0.0, 0.0], [1.0], 0.0, [1.0],
            SumOfSquares.Gradient, Methods.Create(method), new Dopri5()));
        output.WriteLine(e.Message);
        Assert.Equal(OdeSolverFailure.NonFiniteState, e.Reason);
        Assert.Contains(method, e.Message);
        // The message names the part of the augmented state, not an index into it.
        Assert.Contains(method == "ForwardSensitivity" ? "the sensitivity dy[1]/dy0[0]" : "dL/dy[0]", e.Message);
        Assert.Equal(e.TimeReached, e.PartialSolution.TimeReached);
    }

    [Theory]
    [MemberData(nameof(Methods.All), MemberType = typeof(Methods))]
    public void A_gradient_that_overflows_is_a_non_finite_state_from_every_method(string method)
    {
        // y(360) = e^360 ≈ 2e156 is finite; dL/dp = 2 ∫ y² dt ... ≈ 360 · 2 y(360)² overflows (the adjoints' a_p, the
        // discrete adjoint's dL/dp, forward sensitivity's dL/dy · S).
        var e = Assert.Throws<OdeSolverException>(() => OdeGen.Sensitivity.Gradient(new Growth.RhsSystem(), [1.0], [1.0], 0.0, [360.0],
            SumOfSquares.Gradient, Methods.Create(method), new Dopri5()));
        output.WriteLine(e.Message);
        Assert.Equal(OdeSolverFailure.NonFiniteState, e.Reason);
        Assert.Contains(method, e.Message);
        Assert.True(e.Message.Contains("Infinity") || e.Message.Contains("NaN"), e.Message);
    }

    private void Check(string label, Reference actual, Reference expected, double tolerance)
    {
        double err = actual.RelativeError(expected, out string worst);
        output.WriteLine($"{label}: max relative error {err:E2} ({worst})");
        Assert.True(err <= tolerance, $"{label}: relative error {err:E2} > {tolerance:E0} at {worst}");
    }
}
