using OdeGen.Solvers.Tests.Systems;

namespace OdeGen.Solvers.Tests;

/// <summary>Bad arguments throw <see cref="ArgumentException"/> naming the argument.</summary>
public class ArgumentTests
{
    private static readonly double[] Y0 = [1.0, 0, 0];
    private static readonly double[] P = [10, 28, 8.0 / 3];

    private static void Expect(string paramName, Action action)
    {
        var ex = Assert.ThrowsAny<ArgumentException>(action);
        Assert.Equal(paramName, ex.ParamName);
    }

    [Fact]
    public void Span_lengths_are_checked()
    {
        Expect("y0", () => Ode.Solve(new Lorenz(), [1.0, 0], P, 0, 1));
        Expect("p", () => Ode.Solve(new Lorenz(), Y0, [10.0, 28], 0, 1));
    }

    [Fact]
    public void Non_finite_inputs_are_rejected()
    {
        Expect("y0", () => Ode.Solve(new Lorenz(), [double.NaN, 0, 0], P, 0, 1));
        Expect("y0", () => Ode.Solve(new Lorenz(), [1.0, double.PositiveInfinity, 0], P, 0, 1));
        Expect("p", () => Ode.Solve(new Lorenz(), Y0, [10.0, double.NaN, 1], 0, 1));
        Expect("t0", () => Ode.Solve(new Lorenz(), Y0, P, double.NaN, 1));
        Expect("t1", () => Ode.Solve(new Lorenz(), Y0, P, 0, double.PositiveInfinity));
    }

    [Fact]
    public void Tolerances_must_be_positive()
    {
        Expect("options.RelTol", () => Ode.Solve(new Lorenz(), Y0, P, 0, 1, new Dopri5(), new SolverOptions { RelTol = 0 }));
        Expect("options.RelTol", () => Ode.Solve(new Lorenz(), Y0, P, 0, 1, new Dopri5(), new SolverOptions { RelTol = double.NaN }));
        Expect("options.AbsTol", () => Ode.Solve(new Lorenz(), Y0, P, 0, 1, new Dopri5(), new SolverOptions { AbsTol = -1e-6 }));
    }

    [Fact]
    public void SaveAt_must_be_sorted_and_inside_the_interval()
    {
        Expect("options.SaveAt", () => Ode.Solve(new Lorenz(), Y0, P, 0, 1, new Dopri5(), new SolverOptions { SaveAt = [0.5, 0.2] }));
        Expect("options.SaveAt", () => Ode.Solve(new Lorenz(), Y0, P, 0, 1, new Dopri5(), new SolverOptions { SaveAt = [0.5, 1.5] }));
        Expect("options.SaveAt", () => Ode.Solve(new Lorenz(), Y0, P, 0, 1, new Dopri5(), new SolverOptions { SaveAt = [double.NaN] }));
        // Backwards integration wants descending times.
        Expect("options.SaveAt", () => Ode.Solve(new Lorenz(), Y0, P, 1, 0, new Dopri5(), new SolverOptions { SaveAt = [0.2, 0.5] }));
        var ok = Ode.Solve(new Lorenz(), Y0, P, 1, 0, new Dopri5(), new SolverOptions { SaveAt = [0.5, 0.2] });
        Assert.Equal(2, ok.Count);
    }

    [Fact]
    public void StepStops_must_be_finite_and_sorted_in_the_direction_of_integration()
    {
        Expect("options.StepStops", () => Ode.Solve(new Lorenz(), Y0, P, 0, 1, new Dopri5(), new SolverOptions { StepStops = [0.5, 0.2] }));
        Expect("options.StepStops", () => Ode.Solve(new Lorenz(), Y0, P, 0, 1, new Dopri5(), new SolverOptions { StepStops = [double.NaN] }));
        Expect("options.StepStops", () => Ode.Solve(new Lorenz(), Y0, P, 1, 0, new Dopri5(), new SolverOptions { StepStops = [0.2, 0.5] }));
        var ok = Ode.Solve(new Lorenz(), Y0, P, 1, 0, new Dopri5(), new SolverOptions { StepStops = [0.5, 0.2] });
        Assert.Contains(0.5, ok.Times);
    }

    [Fact]
    public void Step_options_are_checked()
    {
        Expect("options.FixedStep", () => Ode.Solve(new Lorenz(), Y0, P, 0, 1, new Rk4(), new SolverOptions { FixedStep = -0.1 }));
        Expect("options.InitialStep", () => Ode.Solve(new Lorenz(), Y0, P, 0, 1, new Dopri5(), new SolverOptions { InitialStep = 0 }));
        Expect("options.MaxStep", () => Ode.Solve(new Lorenz(), Y0, P, 0, 1, new Dopri5(), new SolverOptions { MaxStep = 0 }));
        Expect("options.MaxSteps", () => Ode.Solve(new Lorenz(), Y0, P, 0, 1, new Dopri5(), new SolverOptions { MaxSteps = 0 }));
        // Fixed-step methods need a step.
        Expect("options", () => Ode.Solve(new Lorenz(), Y0, P, 0, 1, new Euler()));
    }

    [Fact]
    public void Null_solver_is_rejected()
    {
        Expect("solver", () => Ode.Solve(new Lorenz(), Y0, P, 0, 1, (IOdeSolver)null!));
    }

    [Fact]
    public void Zero_length_interval_returns_the_initial_state()
    {
        var sol = Ode.Solve(new Lorenz(), Y0, P, 2, 2, new Dopri5());
        Assert.Equal(new[] { 2.0 }, sol.Times);
        Assert.Equal(Y0, sol.State(0).ToArray());
    }
}
