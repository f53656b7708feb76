using OdeGen.SensitivityTests.Support;
using OdeGen.SensitivityTests.Systems;

namespace OdeGen.SensitivityTests;

/// <summary>
/// No tape: the backsolve adjoint's and forward sensitivity's managed allocation is the same for 1e3 and 1e5 steps
/// (buffers are allocated per gradient call, never per step, and the backward segments between observations share
/// the solver's), and checkpointing bounds the interpolating adjoint's.
/// </summary>
public class MemoryTests
{
    private static long Allocated(SensitivityMethod method, int steps, out GradientResult result)
    {
        var options = new SolverOptions { FixedStep = 10.0 / steps, MaxSteps = 10_000_000 };
        GradientResult Run() => OdeGen.Sensitivity.Gradient(new LotkaVolterra.RhsSystem(), Problems.LotkaVolterraY0, Problems.LotkaVolterraP,
            0.0, Problems.LotkaVolterraTimes, SumOfSquares.Gradient, method, new Dopri5(), options);
        Run(); // JIT and statics
        long before = GC.GetAllocatedBytesForCurrentThread();
        result = Run();
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }

    [Fact]
    public void Backsolve_adjoint_allocation_does_not_grow_with_the_number_of_steps()
    {
        long small = Allocated(new BacksolveAdjoint(), 1_000, out var g1);
        long large = Allocated(new BacksolveAdjoint(), 100_000, out var g2);
        Assert.Equal(1_000, g1.ForwardStats.AcceptedSteps);
        Assert.Equal(100_000, g2.ForwardStats.AcceptedSteps);
        Assert.True(g2.BackwardStats.AcceptedSteps >= 100_000, $"backward steps: {g2.BackwardStats.AcceptedSteps}");
        Assert.True(Math.Abs(large - small) <= 1024, $"{small} bytes for 1e3 steps, {large} bytes for 1e5 steps");
    }

    [Fact]
    public void Forward_sensitivity_allocation_does_not_grow_with_the_number_of_steps()
    {
        long small = Allocated(new ForwardSensitivity(), 1_000, out _);
        long large = Allocated(new ForwardSensitivity(), 100_000, out var g);
        Assert.Equal(100_000, g.ForwardStats.AcceptedSteps);
        Assert.True(Math.Abs(large - small) <= 1024, $"{small} bytes for 1e3 steps, {large} bytes for 1e5 steps");
    }

    [Fact]
    public void Checkpointing_bounds_the_interpolating_adjoint_memory()
    {
        long stored = Allocated(new InterpolatingAdjoint(), 100_000, out var whole);
        long checkpointed = Allocated(new InterpolatingAdjoint { Checkpoints = 20 }, 100_000, out var windows);
        // The stored trajectory holds 5 coefficient vectors per step (1e5 x 5 x 2 doubles = 8 MB); 20 windows hold 1/20 of it at a time.
        Assert.True(stored > 8_000_000, $"stored: {stored} bytes");
        Assert.True(checkpointed < stored / 4, $"checkpointed: {checkpointed} bytes, stored: {stored} bytes");
        // ...at the price of one more forward solve, counted in the backward statistics.
        Assert.True(windows.BackwardStats.Nfe > whole.BackwardStats.Nfe + whole.ForwardStats.Nfe / 2);
    }

    public static TheoryData<string> Adjoints => new() { "backsolve", "interpolating" };

    [Theory]
    [MemberData(nameof(Adjoints))]
    public void Backward_segments_reuse_the_solver_buffers(string name)
    {
        // 50 copies of Lorenz: Dopri5's buffers on the 304-long augmented state take about 25 KB, which every
        // observation interval's backward solve allocated before the segments shared them.
        var system = new BatchedSystem<Lorenz.RhsSystem>(new Lorenz.RhsSystem(), 50);
        double[] y0 = Enumerable.Range(0, system.StateSize).Select(i => 1.0 + 0.01 * i).ToArray();
        double[] p = [10, 28, 8.0 / 3];
        SensitivityMethod method = name == "backsolve" ? new BacksolveAdjoint() : new InterpolatingAdjoint();
        long AllocatedFor(int observations)
        {
            double[] times = Enumerable.Range(1, observations).Select(k => 0.5 * k / observations).ToArray();
            void Run() => OdeGen.Sensitivity.Gradient(system, y0, p, 0.0, times, SumOfSquares.Gradient, method, new Dopri5());
            Run();
            long before = GC.GetAllocatedBytesForCurrentThread();
            Run();
            return GC.GetAllocatedBytesForCurrentThread() - before;
        }
        long few = AllocatedFor(5), many = AllocatedFor(45);
        double perInterval = (many - few) / 40.0;
        Assert.True(perInterval < 8_000, $"{perInterval:F0} bytes per observation interval ({few} bytes for 5, {many} for 45)");
    }
}
