using OdeGen.SensitivityTests.Support;
using OdeGen.SensitivityTests.Systems;
using Xunit.Abstractions;

namespace OdeGen.SensitivityTests;

/// <summary>What a training loop relies on: the prediction, one callback per observation, every solver, the seminorm.</summary>
public class BehaviourTests(ITestOutputHelper output)
{
    public static TheoryData<string, string> AdaptiveSolversAndMethods()
    {
        var data = new TheoryData<string, string>();
        foreach (string solver in new[] { "Bosh3", "Dopri5", "Tsit5", "Dop853" })
            foreach (string method in new[] { "BacksolveAdjoint", "InterpolatingAdjoint", "ForwardSensitivity", "DiscreteAdjoint" })
                data.Add(solver, method);
        return data;
    }

    [Theory]
    [MemberData(nameof(AdaptiveSolversAndMethods))]
    public void Every_adaptive_solver_gives_the_gradient(string solver, string method)
    {
        var g = Problems.LotkaVolterraGradient(Methods.Create(method), Methods.Solver(solver), 1e-9);
        double err = Reference.From(g).RelativeError(Problems.LotkaVolterraReference, out string worst);
        output.WriteLine($"{solver}/{method}: {err:E2} ({worst})");
        Assert.True(err <= 1e-4, $"{solver}/{method}: relative error {err:E2} at {worst}");
    }

    [Theory]
    [InlineData("Rk4")]
    [InlineData("Midpoint")]
    public void Fixed_step_solvers_work_and_the_discrete_adjoint_is_their_exact_gradient(string solver)
    {
        // With a fixed step, the discrete adjoint must match central differences of the *discrete* loss to rounding,
        // not just to the method's truncation error.
        var options = new SolverOptions { FixedStep = 0.01 };
        var system = new LotkaVolterra.RhsSystem();
        double[] times = [1.0, 2.5];
        var g = OdeGen.Sensitivity.Gradient(system, Problems.LotkaVolterraY0, Problems.LotkaVolterraP, 0.0, times,
            SumOfSquares.Gradient, new DiscreteAdjoint(), Methods.Solver(solver), options);
        double Loss(double[] p)
        {
            var sol = Ode.Solve(system, Problems.LotkaVolterraY0, p, 0.0, 1.0, Methods.Solver(solver), options);
            var y1 = sol.State(sol.Count - 1).ToArray();
            var sol2 = Ode.Solve(system, y1, p, 1.0, 2.5, Methods.Solver(solver), options);
            var y2 = sol2.State(sol2.Count - 1);
            return y1.Sum(v => v * v) + y2.ToArray().Sum(v => v * v);
        }
        for (int q = 0; q < 4; q++)
        {
            double h = 1e-4;
            double[] Shift(double d) { var p = (double[])Problems.LotkaVolterraP.Clone(); p[q] += d; return p; }
            double fd = (Loss(Shift(-2 * h)) - 8 * Loss(Shift(-h)) + 8 * Loss(Shift(h)) - Loss(Shift(2 * h))) / (12 * h);
            Assert.True(Math.Abs(g.P[q] - fd) <= 1e-8 * Math.Max(1, Math.Abs(fd)), $"dL/dp[{q}]: {g.P[q]:R} vs {fd:R}");
        }
        // The continuous methods agree with it to the solver's accuracy only.
        var backsolve = OdeGen.Sensitivity.Gradient(system, Problems.LotkaVolterraY0, Problems.LotkaVolterraP, 0.0, times,
            SumOfSquares.Gradient, new BacksolveAdjoint(), Methods.Solver(solver), options);
        Assert.True(Reference.From(backsolve).RelativeError(Reference.From(g), out _) < 1e-2);
    }

    [Theory]
    [MemberData(nameof(Methods.All), MemberType = typeof(Methods))]
    public void The_callback_runs_once_per_observation_in_order_and_sees_the_prediction(string method)
    {
        var calls = new List<int>();
        var seen = new List<double[]>();
        LossGradient loss = (k, t, y, dLdy) =>
        {
            calls.Add(k);
            seen.Add(y.ToArray());
            Assert.Equal(Problems.LotkaVolterraTimes[k], t);
            Assert.All(dLdy.ToArray(), v => Assert.Equal(0.0, v));
            dLdy[0] += 1.0;
        };
        var g = OdeGen.Sensitivity.Gradient(new LotkaVolterra.RhsSystem(), Problems.LotkaVolterraY0, Problems.LotkaVolterraP, 0.0,
            Problems.LotkaVolterraTimes, loss, Methods.Create(method), new Dopri5(), new SolverOptions { RelTol = 1e-8, AbsTol = 1e-8 });
        Assert.Equal(Enumerable.Range(0, 20), calls);
        var sol = Ode.Solve(new LotkaVolterra.RhsSystem(), Problems.LotkaVolterraY0, Problems.LotkaVolterraP, 0.0, 10.0, new Dopri5(),
            new SolverOptions { RelTol = 1e-8, AbsTol = 1e-8, SaveAt = Problems.LotkaVolterraTimes });
        for (int k = 0; k < 20; k++)
        {
            Assert.Equal(seen[k], g.States(k).ToArray());
            for (int i = 0; i < 2; i++) Assert.Equal(sol.State(k)[i], g.States(k)[i], 1e-5);
        }
    }

    [Fact]
    public void An_observation_at_t0_contributes_directly_to_dL_dy0()
    {
        // L = |y(t0)|² + |y(1)|²: dL/dy0 gains 2 y0, and dL/dt_0 = 2 y0 · f(t0, y0).
        double[] times = [0.0, 1.0];
        var with = OdeGen.Sensitivity.Gradient(new LotkaVolterra.RhsSystem(), Problems.LotkaVolterraY0, Problems.LotkaVolterraP, 0.0, times,
            SumOfSquares.Gradient, new InterpolatingAdjoint(), new Dopri5(), new SolverOptions { RelTol = 1e-10, AbsTol = 1e-10 });
        var without = OdeGen.Sensitivity.Gradient(new LotkaVolterra.RhsSystem(), Problems.LotkaVolterraY0, Problems.LotkaVolterraP, 0.0, [1.0],
            SumOfSquares.Gradient, new InterpolatingAdjoint(), new Dopri5(), new SolverOptions { RelTol = 1e-10, AbsTol = 1e-10 });
        for (int i = 0; i < 2; i++) Assert.Equal(without.Y0[i] + 2 * Problems.LotkaVolterraY0[i], with.Y0[i], 1e-12);
        double f0 = 1.5 - 1.0, f1 = -3.0 + 1.0; // f(0, [1, 1])
        Assert.Equal(2 * f0 + 2 * f1, with.Times[0], 1e-12);
        foreach (string method in new[] { "BacksolveAdjoint", "ForwardSensitivity", "DiscreteAdjoint" })
        {
            var g = OdeGen.Sensitivity.Gradient(new LotkaVolterra.RhsSystem(), Problems.LotkaVolterraY0, Problems.LotkaVolterraP, 0.0, times,
                SumOfSquares.Gradient, Methods.Create(method), new Dopri5(), new SolverOptions { RelTol = 1e-10, AbsTol = 1e-10 });
            Assert.True(Reference.From(g).RelativeError(Reference.From(with), out string worst) < 1e-6, $"{method}: {worst}");
        }
    }

    [Theory]
    [InlineData("BacksolveAdjoint")]
    [InlineData("InterpolatingAdjoint")]
    public void The_seminorm_saves_backward_steps_and_keeps_the_gradient(string method)
    {
        SensitivityMethod Make(bool seminorm) => method == "BacksolveAdjoint"
            ? new BacksolveAdjoint { Seminorm = seminorm }
            : new InterpolatingAdjoint { Seminorm = seminorm };
        var full = Problems.LotkaVolterraGradient(Make(false), new Dopri5(), 1e-8);
        var semi = Problems.LotkaVolterraGradient(Make(true), new Dopri5(), 1e-8);
        output.WriteLine($"{method}: backward Nfe {full.BackwardStats.Nfe} with the full norm, {semi.BackwardStats.Nfe} with the seminorm");
        Assert.True(semi.BackwardStats.Nfe < full.BackwardStats.Nfe,
            $"seminorm {semi.BackwardStats.Nfe} evaluations, full norm {full.BackwardStats.Nfe}");
        double err = Reference.From(semi).RelativeError(Problems.LotkaVolterraReference, out string worst);
        Assert.True(err <= 1e-5, $"seminorm: relative error {err:E2} at {worst}");
    }

    [Fact]
    public void Backward_tolerances_are_the_methods_own()
    {
        var loose = Problems.LotkaVolterraGradient(new InterpolatingAdjoint { RelTol = 1e-5, AbsTol = 1e-5 }, new Dopri5(), 1e-10);
        var tight = Problems.LotkaVolterraGradient(new InterpolatingAdjoint(), new Dopri5(), 1e-10);
        Assert.Equal(tight.ForwardStats, loose.ForwardStats);
        Assert.True(loose.BackwardStats.Nfe < tight.BackwardStats.Nfe / 3, $"{loose.BackwardStats.Nfe} vs {tight.BackwardStats.Nfe}");
    }
}
