using OdeGen.SensitivityTests.Support;
using OdeGen.SensitivityTests.Systems;
using VanDerPol = OdeGen.Tests.Corpus.VanDerPol;
using Xunit.Abstractions;

namespace OdeGen.SensitivityTests;

/// <summary>
/// A gradient across a relaxation jump: van der Pol with mu = 1000 from (2, 0), observed at t = 900 and 1000 after its
/// jump near t = 807, L = Σ_k |y(t_k)|², dL/dmu through Rodas5P (bench/OdeGen.Benchmarks/StiffFront.cs measures
/// every method at every tolerance).
/// </summary>
public class StiffFrontTests(ITestOutputHelper output)
{
    private static readonly double[] Times = [900, 1000];

    // Central differences of Rodas5P solves at rtol = atol = 1e-12: 5.260699544740177e-3 with h = 0.01 and
    // 5.260699620932563e-3 with h = 0.1 (bench/OdeGen.Benchmarks: `stiff-front`).
    private const double Reference = 5.260699544740177e-3;

    private static double Gradient(SensitivityMethod method, double tol)
        => OdeGen.Sensitivity.Gradient(new VanDerPol.RhsSystem(), [2.0, 0.0], [1000.0], 0.0, Times, SumOfSquares.Gradient, method,
            new Rodas5P(), new SolverOptions { RelTol = tol, AbsTol = tol, MaxSteps = 1_000_000 }).P[0];

    [Fact]
    public void Interpolating_adjoint_stops_at_forward_steps_and_keeps_the_gradient_within_1e_5_at_rtol_1e_8()
    {
        double g = Gradient(new InterpolatingAdjoint(), 1e-8);
        output.WriteLine($"dL/dmu {g:R} against {Reference:R}");
        Assert.True(Math.Abs(g - Reference) <= 1e-5, $"dL/dmu = {g:R}, reference {Reference:R}");
    }

    [Fact]
    public void Backward_steps_across_forward_steps_give_the_wrong_sign_at_rtol_1e_6_and_stopping_at_them_does_not()
    {
        double stopped = Gradient(new InterpolatingAdjoint(), 1e-6);
        double across = Gradient(new InterpolatingAdjoint { StopAtForwardSteps = false }, 1e-6);
        output.WriteLine($"dL/dmu with stops {stopped:R}, without {across:R}, reference {Reference:R}");
        Assert.True(across < 0, $"without stops dL/dmu = {across:R}; this test pins the defect the stops remove");
        Assert.InRange(stopped, 0.8 * Reference, 1.2 * Reference);
    }

    [Fact]
    public void Forward_sensitivity_is_within_1e_5_at_rtol_1e_8()
    {
        double g = Gradient(new ForwardSensitivity(), 1e-8);
        Assert.True(Math.Abs(g - Reference) <= 1e-5, $"dL/dmu = {g:R}, reference {Reference:R}");
    }

    [Fact]
    public void Discrete_adjoint_controls_the_sensitivity_error_and_is_within_1e_5_at_rtol_1e_8()
    {
        double g = Gradient(new DiscreteAdjoint(), 1e-8);
        // Steps chosen for y alone are too coarse for dy/dmu in the jump: 4.8e-5 off (docs/benchmarks.md).
        double alone = Gradient(new DiscreteAdjoint { ControlSensitivityError = false }, 1e-8);
        output.WriteLine($"dL/dmu {g:R}, with steps for y alone {alone:R}, reference {Reference:R}");
        Assert.True(Math.Abs(g - Reference) <= 1e-5, $"dL/dmu = {g:R}, reference {Reference:R}");
        Assert.True(Math.Abs(alone - Reference) > 1e-5, $"with steps for y alone dL/dmu = {alone:R}; this test pins the defect the control removes");
    }

    [Fact]
    public void With_an_explicit_solver_the_backward_pass_does_not_stop_unless_asked()
    {
        GradientResult Lv(InterpolatingAdjoint method) => OdeGen.Sensitivity.Gradient(new LotkaVolterra.RhsSystem(), [1.0, 1.0],
            [1.5, 1.0, 3.0, 1.0], 0.0, [2.0, 4.0], SumOfSquares.Gradient, method, new Dopri5(), new SolverOptions { RelTol = 1e-8, AbsTol = 1e-8 });
        var byDefault = Lv(new InterpolatingAdjoint());
        var off = Lv(new InterpolatingAdjoint { StopAtForwardSteps = false });
        var on = Lv(new InterpolatingAdjoint { StopAtForwardSteps = true });
        Assert.Equal(off.P, byDefault.P);
        Assert.Equal(off.BackwardStats, byDefault.BackwardStats);
        Assert.True(on.BackwardStats.AcceptedSteps >= on.ForwardStats.AcceptedSteps,
            $"with stops {on.BackwardStats.AcceptedSteps} backward steps for {on.ForwardStats.AcceptedSteps} forward steps");
        for (int i = 0; i < 4; i++) Assert.Equal(off.P[i], on.P[i], 1e-5 * Math.Abs(off.P[i]));
    }
}
