namespace OdeGen.Training.Tests.Training;

/// <summary><see cref="Sgd"/> against the update of PyTorch's <c>torch.optim.SGD</c> worked by hand.</summary>
public class SgdTests
{
    [Fact]
    public void PlainStepIsMinusLearningRateTimesGradient()
    {
        var sgd = new Sgd(2, learningRate: 0.1);
        double[] theta = { 1.0, 2.0 };
        sgd.Step(theta, new[] { 0.5, -3.0 });
        Assert.Equal(1.0 - 0.05, theta[0], 15);
        Assert.Equal(2.0 + 0.3, theta[1], 15);
    }

    [Fact]
    public void MomentumStartsFromTheGradient()
    {
        const double lr = 0.1, mu = 0.9;
        var sgd = new Sgd(1, lr, momentum: mu);
        double[] theta = { 0.0 };
        sgd.Step(theta, new[] { 1.0 });      // b = g
        Assert.Equal(-0.1, theta[0], 15);
        sgd.Step(theta, new[] { 2.0 });      // b = 0.9 · 1 + 2
        Assert.Equal(-0.1 - lr * (mu * 1.0 + 2.0), theta[0], 15);
    }

    [Fact]
    public void DampeningScalesTheGradientAfterTheFirstStep()
    {
        var sgd = new Sgd(1, 1.0, momentum: 0.5, dampening: 0.5);
        double[] theta = { 0.0 };
        sgd.Step(theta, new[] { 1.0 });      // b = 1
        sgd.Step(theta, new[] { 1.0 });      // b = 0.5 + 0.5
        Assert.Equal(-2.0, theta[0], 15);
    }

    [Fact]
    public void NesterovLooksAhead()
    {
        const double lr = 0.1, mu = 0.9;
        var sgd = new Sgd(1, lr, momentum: mu, nesterov: true);
        double[] theta = { 0.0 };
        sgd.Step(theta, new[] { 1.0 });      // b = 1, step g + μb = 1.9
        Assert.Equal(-lr * 1.9, theta[0], 15);
        sgd.Step(theta, new[] { 2.0 });      // b = 0.9 + 2 = 2.9, step 2 + 0.9 · 2.9
        Assert.Equal(-lr * 1.9 - lr * (2.0 + mu * 2.9), theta[0], 15);
    }

    [Fact]
    public void WeightDecayAddsTheL2Gradient()
    {
        var sgd = new Sgd(1, 0.1) { WeightDecay = 0.01 };
        double[] theta = { 2.0 };
        sgd.Step(theta, new[] { 1.0 });
        Assert.Equal(2.0 - 0.1 * (1.0 + 0.01 * 2.0), theta[0], 15);
    }

    [Theory]
    [InlineData(0.0, false)]
    [InlineData(0.9, false)]
    [InlineData(0.9, true)]
    public void MinimisesAQuadratic(double momentum, bool nesterov)
    {
        var x = TestFunctions.Minimise(new Sgd(6, 0.05, momentum, nesterov), TestFunctions.Quadratic, new double[6], 2000);
        for (int i = 0; i < 6; i++) Assert.Equal(i, x[i], 6);
    }

    [Fact]
    public void MinimisesRosenbrock()
    {
        var x = TestFunctions.Minimise(new Sgd(2, 1e-3, momentum: 0.9, nesterov: true), TestFunctions.Rosenbrock, new[] { -1.2, 1.0 }, 20000);
        Assert.Equal(1, x[0], 3);
        Assert.Equal(1, x[1], 3);
    }

    [Fact]
    public void NesterovNeedsMomentumAndNoDampening()
    {
        Assert.Equal("nesterov", Assert.Throws<ArgumentException>(() => new Sgd(1, 0.1, momentum: 0, nesterov: true)).ParamName);
        Assert.Equal("nesterov", Assert.Throws<ArgumentException>(() => new Sgd(1, 0.1, momentum: 0.9, nesterov: true, dampening: 0.1)).ParamName);
    }
}
