using OdeGen.SensitivityTests.Support;
using OdeGen.SensitivityTests.Systems;

namespace OdeGen.SensitivityTests;

/// <summary>Clear errors for bad observation times, bad callbacks, unsupported pairs and failed passes.</summary>
public class ErrorTests
{
    private static readonly double[] Y0 = Problems.LotkaVolterraY0;
    private static readonly double[] P = Problems.LotkaVolterraP;

    private static GradientResult Run(double[] times, LossGradient loss, SensitivityMethod? method = null, SolverOptions? options = null, double t0 = 0.0)
        => OdeGen.Sensitivity.Gradient(new LotkaVolterra.RhsSystem(), Y0, P, t0, times, loss, method ?? new BacksolveAdjoint(), new Dopri5(), options);

    [Theory]
    [InlineData(new[] { 1.0, 2.0, 2.0 })]
    [InlineData(new[] { 1.0, 3.0, 2.0 })]
    public void Observation_times_must_increase(double[] times)
    {
        var e = Assert.Throws<ArgumentException>(() => Run(times, SumOfSquares.Gradient));
        Assert.Equal("times", e.ParamName);
        Assert.Contains("strictly increasing", e.Message);
    }

    [Fact]
    public void Observation_times_must_not_precede_t0()
    {
        var e = Assert.Throws<ArgumentException>(() => Run([0.5, 1.0], SumOfSquares.Gradient, t0: 1.0 - 0.25));
        Assert.Equal("times", e.ParamName);
        Assert.Contains("before t0", e.Message);
    }

    [Fact]
    public void No_observation_times_is_an_error()
    {
        var e = Assert.Throws<ArgumentException>(() => Run([], SumOfSquares.Gradient));
        Assert.Equal("times", e.ParamName);
    }

    [Fact]
    public void Wrong_initial_state_length_is_an_error()
    {
        var e = Assert.Throws<ArgumentException>(() => OdeGen.Sensitivity.Gradient(new LotkaVolterra.RhsSystem(), [1.0, 1.0, 1.0], P, 0.0,
            [1.0], SumOfSquares.Gradient, new BacksolveAdjoint(), new Dopri5()));
        Assert.Equal("y0", e.ParamName);
    }

    [Fact]
    public void A_callback_that_writes_past_the_state_is_an_error()
    {
        LossGradient tooLong = (k, t, y, dLdy) => { for (int i = 0; i < 3; i++) dLdy[i] = 1.0; };
        var e = Assert.Throws<ArgumentException>(() => Run([1.0, 2.0], tooLong));
        Assert.Equal("dLdy", e.ParamName);
        Assert.Contains("state size 2", e.Message);
    }

    [Fact]
    public void A_callback_that_writes_NaN_is_an_error()
    {
        LossGradient nan = (k, t, y, dLdy) => dLdy[1] = double.NaN;
        var e = Assert.Throws<ArgumentException>(() => Run([1.0, 2.0], nan));
        Assert.Equal("dLdy", e.ParamName);
        Assert.Contains("dLdy[1]", e.Message);
    }

    [Fact]
    public void SaveAt_is_refused()
    {
        var e = Assert.Throws<ArgumentException>(() => Run([1.0], SumOfSquares.Gradient, options: new SolverOptions { SaveAt = [1.0] }));
        Assert.Equal("options.SaveAt", e.ParamName);
    }

    [Fact]
    public void Negative_backward_tolerance_is_an_error()
    {
        var e = Assert.Throws<ArgumentException>(() => Run([1.0], SumOfSquares.Gradient, new InterpolatingAdjoint { RelTol = -1 }));
        Assert.Equal("method", e.ParamName);
    }

    [Theory]
    [InlineData(int.MaxValue)]
    [InlineData(100_001)]
    public void More_checkpoint_windows_than_steps_is_an_error(int checkpoints)
    {
        var e = Assert.Throws<ArgumentException>(() => Run([1.0], SumOfSquares.Gradient, new InterpolatingAdjoint { Checkpoints = checkpoints }));
        Assert.Equal("method", e.ParamName);
        Assert.Contains($"Checkpoints is {checkpoints}; it must be at most SolverOptions.MaxSteps = 100000", e.Message);
    }

    [Fact]
    public void As_many_checkpoint_windows_as_steps_allowed_is_accepted()
    {
        var g = Run([1.0], SumOfSquares.Gradient, new InterpolatingAdjoint { Checkpoints = 200 }, new SolverOptions { MaxSteps = 200 });
        Assert.True(double.IsFinite(g.P[0]));
    }

    [Fact]
    public void A_backward_tolerance_below_double_rounding_is_an_error()
    {
        var e = Assert.Throws<ArgumentException>(() => Run([1.0], SumOfSquares.Gradient, new InterpolatingAdjoint { RelTol = 1e-300, AbsTol = 1e-300 }));
        Assert.Equal("method", e.ParamName);
        Assert.Contains("no step can meet it", e.Message);
    }

    [Theory]
    [MemberData(nameof(Methods.All), MemberType = typeof(Methods))]
    public void A_failed_forward_pass_says_so(string method)
    {
        var e = Assert.Throws<OdeSolverException>(() => Run([10.0], SumOfSquares.Gradient, Methods.Create(method), new SolverOptions { MaxSteps = 5 }));
        Assert.Equal(OdeSolverFailure.MaxStepsExceeded, e.Reason);
        Assert.Contains($"{method}: the forward pass failed", e.Message);
    }

    [Theory]
    [InlineData("BacksolveAdjoint")]
    [InlineData("InterpolatingAdjoint")]
    public void A_failed_backward_pass_says_so(string method)
    {
        // Forward at 1e-4 needs a few dozen steps; the backward pass at 1e-13 needs thousands.
        var options = new SolverOptions { RelTol = 1e-4, AbsTol = 1e-4, MaxSteps = 300 };
        SensitivityMethod m = method == "BacksolveAdjoint"
            ? new BacksolveAdjoint { RelTol = 1e-13, AbsTol = 1e-13 }
            : new InterpolatingAdjoint { RelTol = 1e-13, AbsTol = 1e-13 };
        var e = Assert.Throws<OdeSolverException>(() => Run([10.0], SumOfSquares.Gradient, m, options));
        Assert.Equal(OdeSolverFailure.MaxStepsExceeded, e.Reason);
        Assert.Contains($"{method}: the backward pass failed", e.Message);
    }
}
