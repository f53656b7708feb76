namespace OdeGen.Training.Tests.Training;

/// <summary>What every optimizer promises: length checks, no allocation in Step, a settable learning rate.</summary>
public class OptimizerContractTests
{
    public static TheoryData<string> Optimizers => new() { "Adam", "RmsProp", "RmsPropMomentumCentered", "Sgd", "SgdNesterov" };

    private static Optimizer Create(string name, int count) => name switch
    {
        "Adam" => new Adam(count),
        "RmsProp" => new RmsProp(count),
        "RmsPropMomentumCentered" => new RmsProp(count, momentum: 0.9, centered: true),
        "Sgd" => new Sgd(count),
        "SgdNesterov" => new Sgd(count, momentum: 0.9, nesterov: true),
        _ => throw new ArgumentException(name),
    };

    [Theory]
    [MemberData(nameof(Optimizers))]
    public void StepDoesNotAllocate(string name)
    {
        var optimizer = Create(name, 1000);
        optimizer.WeightDecay = 1e-4;
        var theta = new double[1000];
        var gradient = Enumerable.Range(0, 1000).Select(i => Math.Sin(i)).ToArray();
        optimizer.Step(theta, gradient); // JIT first
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int k = 0; k < 20; k++) optimizer.Step(theta, gradient);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(21, optimizer.StepCount);
    }

    [Theory]
    [MemberData(nameof(Optimizers))]
    public void WrongLengthsAreRejected(string name)
    {
        IOptimizer optimizer = Create(name, 3);
        Assert.Equal("parameters", Assert.Throws<ArgumentException>(() => optimizer.Step(new double[2], new double[3])).ParamName);
        Assert.Equal("gradient", Assert.Throws<ArgumentException>(() => optimizer.Step(new double[3], new double[4])).ParamName);
        Assert.Equal(0, optimizer.StepCount);
    }

    [Theory]
    [MemberData(nameof(Optimizers))]
    public void LearningRateCanBeScheduled(string name)
    {
        var optimizer = Create(name, 1);
        optimizer.LearningRate = 0;
        double[] theta = { 1 };
        optimizer.Step(theta, new[] { 5.0 });
        Assert.Equal(1, theta[0]);
        Assert.Throws<ArgumentOutOfRangeException>(() => optimizer.LearningRate = -1);
        Assert.Throws<ArgumentOutOfRangeException>(() => optimizer.LearningRate = double.NaN);
    }
}
