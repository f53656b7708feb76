using OdeGen.Solvers.Tests.Systems;

namespace OdeGen.Solvers.Tests;

/// <summary>
/// No allocation per step: with a fixed-size SaveAt, a solve of 100000 steps allocates about as much as one of 1000
/// steps (every buffer is allocated once per solve). Each size is measured three times and the least kept: the runtime
/// may allocate once on the solving thread while it recompiles a hot method (tiered compilation), which no solve repeats.
/// </summary>
public class AllocationTests
{
    public static TheoryData<string> All => new() { "Euler", "Rk4", "Bosh3", "Dopri5", "Tsit5", "Dop853", "Rodas5P" };

    [Theory]
    [MemberData(nameof(All))]
    public void Allocation_does_not_grow_with_the_number_of_fixed_steps(string name)
    {
        var solver = SolverFactory.Create(name);
        long small = Measure(solver, 1_000);
        long large = Measure(solver, 100_000);
        Assert.True(Math.Abs(large - small) <= 512, $"{name}: {small} bytes for 1e3 steps, {large} bytes for 1e5 steps");
    }

    [Theory]
    [InlineData("Dopri5")]
    [InlineData("Dop853")]
    [InlineData("Rodas5P")]
    public void Allocation_does_not_grow_with_the_number_of_adaptive_steps(string name)
    {
        var solver = SolverFactory.Create(name);
        double[] y0 = [1.0, 1.0];
        double[] p = [1.5, 1, 3, 1];
        long Run(double t1)
        {
            var options = new SolverOptions { RelTol = 1e-8, AbsTol = 1e-8, SaveAt = [0.5, t1 / 2, t1], MaxSteps = 10_000_000 };
            Ode.Solve(new LotkaVolterra(), y0, p, 0, t1, solver, options);
            return Least(() =>
            {
                long before = GC.GetAllocatedBytesForCurrentThread();
                var sol = Ode.Solve(new LotkaVolterra(), y0, p, 0, t1, solver, options);
                long bytes = GC.GetAllocatedBytesForCurrentThread() - before;
                Assert.True(sol.Stats.AcceptedSteps > 5 * t1);
                return bytes;
            });
        }
        long small = Run(10);
        long large = Run(1000);
        Assert.True(Math.Abs(large - small) <= 512, $"{name}: {small} bytes for t1 = 10, {large} bytes for t1 = 1000");
    }

    private static long Measure(IOdeSolver solver, int steps)
    {
        double[] y0 = [1.0, 0.5, 0.2];
        double[] p = [0.1, 2.0, 1.0];
        const double t1 = 1.0;
        var options = new SolverOptions { FixedStep = t1 / steps, SaveAt = [0.25, 0.5, 0.75, 1.0], MaxSteps = 1_000_000 };
        Ode.Solve(new LinearSystem(), y0, p, 0, t1, solver, options); // warm up (JIT, statics)
        return Least(() =>
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            var sol = Ode.Solve(new LinearSystem(), y0, p, 0, t1, solver, options);
            long bytes = GC.GetAllocatedBytesForCurrentThread() - before;
            Assert.Equal(steps, sol.Stats.AcceptedSteps);
            return bytes;
        });
    }

    private static long Least(Func<long> measure) => Math.Min(measure(), Math.Min(measure(), measure()));
}
