using OdeGen.SensitivityTests.Support;
using OdeGen.SensitivityTests.Systems;
using Xunit.Abstractions;

namespace OdeGen.SensitivityTests;

/// <summary>
/// The directional sensitivity that DiscreteAdjoint's <see cref="DiscreteAdjoint.ControlSensitivityError"/> carries
/// through the forward pass: <c>s(T)</c> must be the derivative of <c>y(T)</c> along the direction, and the option must
/// change the steps only where the steps are chosen by error control.
/// </summary>
public class DirectionalSensitivityTests(ITestOutputHelper output)
{
    public static TheoryData<string> Cases => new() { "Robertson with Rodas5P", "LotkaVolterra with Dopri5" };

    private static (IOdeSystem System, IOdeSolver Solver, double[] Y0, double[] P, double T) Problem(string name) => name switch
    {
        "Robertson with Rodas5P" => (new Robertson.RhsSystem(), new Rodas5P(), [1.0, 0.0, 0.0], [0.04, 3e7, 1e4], 40.0),
        "LotkaVolterra with Dopri5" => (new LotkaVolterra.RhsSystem(), new Dopri5(), [1.0, 1.0], [1.5, 1.0, 3.0, 1.0], 4.0),
        _ => throw new ArgumentException(name),
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void The_carried_sensitivity_is_the_derivative_of_the_state_along_the_direction(string name)
    {
        var (system, solver, y0, p, T) = Problem(name);
        // Robertson's y0 moves by 1e-7 only: y[1] = -1e-5 would make its fast reaction blow up.
        if (system is Robertson.RhsSystem robertson) Check(robertson, solver, y0, p, T, 1e-7);
        else Check((LotkaVolterra.RhsSystem)system, solver, y0, p, T, 1e-5);
    }

    private void Check<TSystem>(TSystem system, IOdeSolver solver, double[] y0, double[] p, double T, double h)
        where TSystem : IOdeSystem
    {
        int n = y0.Length;
        var (w, v) = DiscreteAdjoint.SensitivityDirection(y0, p);
        var rhs = new ForwardSensitivityRightHandSide<TSystem>(system, p, v);
        var options = new SolverOptions { RelTol = 1e-12, AbsTol = 1e-16 };
        var solution = Passes.Any(solver, ref rhs, [.. y0, .. w], 0.0, T, options);
        var s = solution.State(solution.Count - 1).Slice(n, n).ToArray();

        // Central differences along (w, v), of solves as tight as the carried one.
        double[] At(double e)
        {
            var y = y0.Select((x, i) => x + e * w[i]).ToArray();
            var q = p.Select((x, i) => x + e * v[i]).ToArray();
            var end = Ode.Solve(system, y, q, 0.0, T, solver, options);
            return end.State(end.Count - 1).ToArray();
        }
        double[] plus = At(h), minus = At(-h);
        for (int i = 0; i < n; i++)
        {
            double fd = (plus[i] - minus[i]) / (2 * h);
            output.WriteLine($"s[{i}] = {s[i]:R}, differences {fd:R}");
            Assert.True(Math.Abs(s[i] - fd) <= 1e-6 * Math.Max(1, Math.Abs(fd)), $"s[{i}] = {s[i]:R} against {fd:R}");
        }
    }

    [Fact]
    public void The_direction_is_fixed_and_scaled_to_the_problem()
    {
        var (w, v) = DiscreteAdjoint.SensitivityDirection([2.0, 0.0, -0.5], [1000.0, 0.0, -0.04]);
        var (w2, v2) = DiscreteAdjoint.SensitivityDirection([2.0, 0.0, -0.5], [1000.0, 0.0, -0.04]);
        Assert.Equal(w, w2);
        Assert.Equal(v, v2);
        Assert.All(w, x => Assert.Equal(2.0, Math.Abs(x)));
        Assert.Equal([1000.0, 1.0, 0.04], v.Select(Math.Abs));
        Assert.Contains(w.Concat(v), x => x < 0);
        Assert.Contains(w.Concat(v), x => x > 0);
        var (zero, _) = DiscreteAdjoint.SensitivityDirection([0.0, 0.0], []);
        Assert.All(zero, x => Assert.Equal(1.0, Math.Abs(x)));
    }

    [Fact]
    public void With_Rodas5P_the_forward_steps_follow_the_sensitivity_and_the_gradient_stays_within_the_tolerance_of_forward_sensitivity()
    {
        double[] y0 = [1.0, 0.0, 0.0], p = [0.04, 3e7, 1e4], times = [0.4, 4.0, 40.0];
        var options = new SolverOptions { RelTol = 1e-6, AbsTol = 1e-10 };
        GradientResult Run(SensitivityMethod method) => OdeGen.Sensitivity.Gradient(new Robertson.RhsSystem(), y0, p, 0.0, times,
            SumOfSquares.Gradient, method, new Rodas5P(), options);
        var byDefault = Run(new DiscreteAdjoint());
        var on = Run(new DiscreteAdjoint { ControlSensitivityError = true });
        var off = Run(new DiscreteAdjoint { ControlSensitivityError = false });
        var reference = Run(new ForwardSensitivity());
        Assert.Equal(on.P, byDefault.P);
        Assert.True(on.ForwardStats.AcceptedSteps > off.ForwardStats.AcceptedSteps,
            $"{on.ForwardStats.AcceptedSteps} forward steps with the sensitivity controlled, {off.ForwardStats.AcceptedSteps} without");
        Assert.Equal(on.ForwardStats.AcceptedSteps, on.BackwardStats.AcceptedSteps);
        double errOn = Reference.From(on).RelativeError(Reference.From(reference), out string worstOn);
        double errOff = Reference.From(off).RelativeError(Reference.From(reference), out string worstOff);
        output.WriteLine($"against forward sensitivity: {errOn:E2} controlled ({worstOn}), {errOff:E2} not ({worstOff})");
        Assert.True(errOn <= 1e-4, $"relative difference {errOn:E2} at {worstOn}");
    }

    [Fact]
    public void Explicit_solvers_do_not_control_the_sensitivity_unless_asked_and_fixed_steps_never_do()
    {
        GradientResult Lv(DiscreteAdjoint method, SolverOptions options) => OdeGen.Sensitivity.Gradient(new LotkaVolterra.RhsSystem(), [1.0, 1.0],
            [1.5, 1.0, 3.0, 1.0], 0.0, [2.0, 4.0], SumOfSquares.Gradient, method, new Dopri5(), options);
        var adaptive = new SolverOptions { RelTol = 1e-6, AbsTol = 1e-6 };
        var byDefault = Lv(new DiscreteAdjoint(), adaptive);
        var off = Lv(new DiscreteAdjoint { ControlSensitivityError = false }, adaptive);
        var on = Lv(new DiscreteAdjoint { ControlSensitivityError = true }, adaptive);
        Assert.Equal(off.P, byDefault.P);
        Assert.Equal(off.ForwardStats, byDefault.ForwardStats);
        Assert.True(on.ForwardStats.AcceptedSteps > off.ForwardStats.AcceptedSteps,
            $"{on.ForwardStats.AcceptedSteps} forward steps with the sensitivity controlled, {off.ForwardStats.AcceptedSteps} without");

        var fixedSteps = new SolverOptions { FixedStep = 0.01 };
        var fixedOn = Lv(new DiscreteAdjoint { ControlSensitivityError = true }, fixedSteps);
        var fixedOff = Lv(new DiscreteAdjoint { ControlSensitivityError = false }, fixedSteps);
        Assert.Equal(fixedOff.P, fixedOn.P);
        Assert.Equal(fixedOff.ForwardStats, fixedOn.ForwardStats);
    }
}
