using OdeGen.SensitivityTests.Support;
using OdeGen.SensitivityTests.Systems;
using Xunit.Abstractions;

namespace OdeGen.SensitivityTests;

/// <summary>
/// DiscreteAdjoint through Rodas5P: the reverse of each Rosenbrock step, its Jacobian differentiated with the generated
/// JvpVjp. With fixed steps it must be the exact gradient of the discrete solution (central differences of the same
/// fixed-step solves agree to rounding, not to the method's error), on an autonomous stiff system and on a forced one,
/// whose stages use ∂f/∂t; with adaptive steps it agrees with the other methods and with differences of a tight solve.
/// </summary>
public class RosenbrockDiscreteAdjointTests(ITestOutputHelper output)
{
    public static TheoryData<string> Systems => new() { "Robertson", "ForcedOscillator" };

    // Robertson's y0 moves by 1e-7 only: y[1] = -1e-4 would make its fast reaction blow up.
    private static (IOdeSystem System, double[] Y0, double[] P, double[] Times, double Step, double StateStep) Problem(string name) => name switch
    {
        "Robertson" => (new Robertson.RhsSystem(), [1.0, 0.0, 0.0], [0.04, 3e7, 1e4], [0.1, 0.4], 1e-3, 1e-7),
        "ForcedOscillator" => (new ForcedOscillator.RhsSystem(), [1.0, 0.0], [4.0, 0.3, 1.7], [1.0, 2.5], 0.05, 1e-4),
        _ => throw new ArgumentException(name),
    };

    [Theory]
    [MemberData(nameof(Systems))]
    public void With_fixed_steps_it_is_the_exact_gradient_of_the_Rodas5P_steps(string name)
    {
        var (system, y0, p, times, step, stateStep) = Problem(name);
        var options = new SolverOptions { FixedStep = step };
        var g = OdeGen.Sensitivity.Gradient(system, y0, p, 0.0, times, SumOfSquares.Gradient, new DiscreteAdjoint(), new Rodas5P(), options);

        // The discrete loss: the same fixed steps, interval by interval, as the discrete adjoint's forward pass takes them.
        double Loss(double[] y, double[] q)
        {
            double loss = 0, start = 0;
            foreach (double end in times)
            {
                var solution = Ode.Solve(system, y, q, start, end, new Rodas5P(), options);
                y = solution.State(solution.Count - 1).ToArray();
                loss += y.Sum(v => v * v);
                start = end;
            }
            return loss;
        }
        double Central(Func<double, double> f, double h) => (f(-2 * h) - 8 * f(-h) + 8 * f(h) - f(2 * h)) / (12 * h);
        double[] With(double[] x, int i, double d) { var c = (double[])x.Clone(); c[i] += d; return c; }
        for (int k = 0; k < p.Length; k++)
        {
            double fd = Central(d => Loss(y0, With(p, k, d)), 1e-4 * Math.Abs(p[k]));
            output.WriteLine($"dL/dp[{k}]: {g.P[k]:R} discrete adjoint, {fd:R} differences");
            Assert.True(Math.Abs(g.P[k] - fd) <= 1e-7 * Math.Abs(fd), $"dL/dp[{k}]: {g.P[k]:R} against {fd:R}");
        }
        for (int i = 0; i < y0.Length; i++)
        {
            double fd = Central(d => Loss(With(y0, i, d), p), stateStep);
            output.WriteLine($"dL/dy0[{i}]: {g.Y0[i]:R} discrete adjoint, {fd:R} differences");
            Assert.True(Math.Abs(g.Y0[i] - fd) <= 1e-7 * Math.Max(1, Math.Abs(fd)), $"dL/dy0[{i}]: {g.Y0[i]:R} against {fd:R}");
        }
        Assert.True(g.BackwardStats.AcceptedSteps >= times[^1] / step - 1, $"backward steps: {g.BackwardStats.AcceptedSteps}");
    }

    [Fact]
    public void Adaptive_steps_agree_with_the_other_stiff_methods_on_Robertson()
    {
        double[] y0 = [1.0, 0.0, 0.0], p = [0.04, 3e7, 1e4], times = [0.4, 4.0, 40.0];
        var options = new SolverOptions { RelTol = 1e-9, AbsTol = 1e-12 };
        var discrete = OdeGen.Sensitivity.Gradient(new Robertson.RhsSystem(), y0, p, 0.0, times, SumOfSquares.Gradient, new DiscreteAdjoint(), new Rodas5P(), options);
        var forward = OdeGen.Sensitivity.Gradient(new Robertson.RhsSystem(), y0, p, 0.0, times, SumOfSquares.Gradient, new ForwardSensitivity(), new Rodas5P(), options);
        double err = Reference.From(discrete).RelativeError(Reference.From(forward), out string worst);
        output.WriteLine($"discrete against forward sensitivity: {err:E2} ({worst}); forward {discrete.ForwardStats}, backward {discrete.BackwardStats}");
        Assert.True(err <= 1e-6, $"relative difference {err:E2} at {worst}");
    }

    [Fact]
    public void A_system_without_second_derivatives_is_refused_with_the_reason()
    {
        var system = new FirstOrderOnly<Robertson.RhsSystem>(new Robertson.RhsSystem());
        var e = Assert.Throws<NotSupportedException>(() => OdeGen.Sensitivity.Gradient(system, [1.0, 0.0, 0.0], [0.04, 3e7, 1e4], 0.0, [1.0],
            SumOfSquares.Gradient, new DiscreteAdjoint(), new Rodas5P()));
        output.WriteLine(e.Message);
        Assert.Contains("JvpVjp", e.Message);
        Assert.Contains("InterpolatingAdjoint", e.Message);
    }
}
