using OdeGen.SensitivityTests.Support;
using OdeGen.SensitivityTests.Systems;
using Xunit.Abstractions;

namespace OdeGen.SensitivityTests;

/// <summary>
/// Robertson's stiff chemical kinetics to t = 40 through the interpolating adjoint with Rodas5P, whose backward pass
/// uses the adjoint system's exact Jacobian; checked against central differences of a Rodas5P solve at 1e-12.
/// </summary>
public class StiffTests(ITestOutputHelper output)
{
    private static readonly double[] Y0 = [1.0, 0.0, 0.0];
    private static readonly double[] P = [0.04, 3e7, 1e4];
    private static readonly double[] Times = [0.4, 4.0, 40.0];

    private static readonly Lazy<Reference> Fd = new(() => Reference.FiniteDifferences(
        new Robertson.RhsSystem(), Y0, P, 0.0, Times, new Rodas5P(), 1e-12, 1e-3, forwardStepAtZero: 1e-5));

    private static GradientResult Gradient(SensitivityMethod method)
        => OdeGen.Sensitivity.Gradient(new Robertson.RhsSystem(), Y0, P, 0.0, Times, SumOfSquares.Gradient, method, new Rodas5P(),
            new SolverOptions { RelTol = 1e-9, AbsTol = 1e-12 });

    [Fact]
    public void Robertson_interpolating_adjoint_with_Rodas5P_matches_finite_differences()
    {
        var g = Gradient(new InterpolatingAdjoint());
        double err = Reference.From(g).RelativeError(Fd.Value, out string worst);
        output.WriteLine($"max relative error {err:E2} ({worst}); forward {g.ForwardStats}, backward {g.BackwardStats}");
        Assert.True(err <= 1e-5, $"relative error {err:E2} at {worst}");
        Assert.True(g.BackwardStats.Njac > 0, "the backward pass should have used the adjoint Jacobian");
        // An explicit backward pass over a stiff adjoint would need ~10^5 steps; Rodas5P needs few.
        Assert.True(g.BackwardStats.AcceptedSteps < 2000, $"backward steps: {g.BackwardStats.AcceptedSteps}");
    }

    [Fact]
    public void Checkpointed_Robertson_agrees_with_the_stored_trajectory()
    {
        var whole = Reference.From(Gradient(new InterpolatingAdjoint()));
        var g = Gradient(new InterpolatingAdjoint { Checkpoints = 8 });
        double err = Reference.From(g).RelativeError(whole, out string worst);
        output.WriteLine($"checkpointed vs stored: {err:E2} ({worst})");
        Assert.True(err <= 1e-6, $"relative error {err:E2} at {worst}");
    }

    [Fact]
    public void Robertson_forward_sensitivity_with_Rodas5P_matches_finite_differences()
    {
        var g = Gradient(new ForwardSensitivity());
        double err = Reference.From(g).RelativeError(Fd.Value, out string worst);
        output.WriteLine($"max relative error {err:E2} ({worst}); forward {g.ForwardStats}");
        Assert.True(err <= 1e-5, $"relative error {err:E2} at {worst}");
        Assert.True(g.ForwardStats.AcceptedSteps < 2000, $"steps: {g.ForwardStats.AcceptedSteps}");
    }

    [Fact]
    public void Exact_second_derivatives_and_differences_of_the_JVP_give_the_same_forward_sensitivities()
    {
        // The generated JvpVjp fills the coupling blocks of the augmented Jacobian; a system without it gets differences.
        var exact = Gradient(new ForwardSensitivity());
        var differenced = OdeGen.Sensitivity.Gradient(new FirstOrderOnly<Robertson.RhsSystem>(new Robertson.RhsSystem()), Y0, P, 0.0, Times,
            SumOfSquares.Gradient, new ForwardSensitivity(), new Rodas5P(), new SolverOptions { RelTol = 1e-9, AbsTol = 1e-12 });
        double err = Reference.From(exact).RelativeError(Reference.From(differenced), out string worst);
        output.WriteLine($"exact against differenced: {err:E2} ({worst}); steps {exact.ForwardStats.AcceptedSteps} and {differenced.ForwardStats.AcceptedSteps}");
        Assert.True(err <= 1e-6, $"relative difference {err:E2} at {worst}");
        Assert.True(new Robertson.RhsSystem().HasSecondDerivatives);
        Assert.False(((IOdeSystem)new FirstOrderOnly<Robertson.RhsSystem>(new Robertson.RhsSystem())).HasSecondDerivatives);
    }

    [Fact]
    public void Robertson_discrete_adjoint_with_Rodas5P_matches_finite_differences()
    {
        var g = Gradient(new DiscreteAdjoint());
        double err = Reference.From(g).RelativeError(Fd.Value, out string worst);
        output.WriteLine($"max relative error {err:E2} ({worst}); forward {g.ForwardStats}, backward {g.BackwardStats}");
        Assert.True(err <= 1e-5, $"relative error {err:E2} at {worst}");
    }

    private static readonly double[] LongTimes = [0.4, 4.0, 40.0, 400.0, 4000.0];

    private static readonly Lazy<Reference> LongFd = new(() => Reference.FiniteDifferences(
        new Robertson.RhsSystem(), Y0, P, 0.0, LongTimes, new Rodas5P(), 1e-12, 1e-3, forwardStepAtZero: 1e-5));

    [Theory]
    [InlineData("InterpolatingAdjoint")]
    [InlineData("ForwardSensitivity")]
    [InlineData("DiscreteAdjoint")]
    public void Robertson_observed_from_0_4_to_4000_gets_its_gradient_from_every_stiff_method(string method)
    {
        var g = OdeGen.Sensitivity.Gradient(new Robertson.RhsSystem(), Y0, P, 0.0, LongTimes, SumOfSquares.Gradient, Methods.Create(method), new Rodas5P(),
            new SolverOptions { RelTol = 1e-9, AbsTol = 1e-12 });
        double err = Reference.From(g).RelativeError(LongFd.Value, out string worst);
        output.WriteLine($"{method}: max relative error {err:E2} ({worst}); forward {g.ForwardStats}, backward {g.BackwardStats}");
        Assert.True(err <= 1e-5, $"{method}: relative error {err:E2} at {worst}");
    }

    [Fact]
    public void The_backsolve_adjoint_refuses_Rodas5P()
    {
        var e = Assert.Throws<NotSupportedException>(() => Gradient(new BacksolveAdjoint()));
        Assert.Contains("InterpolatingAdjoint", e.Message);
    }
}
