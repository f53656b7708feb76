namespace OdeGen.Training.Tests.Training;

/// <summary><see cref="RmsProp"/> against the update of PyTorch's <c>torch.optim.RMSprop</c> worked by hand.</summary>
public class RmsPropTests
{
    [Fact]
    public void DefaultsArePyTorchs()
    {
        var rms = new RmsProp(1);
        Assert.Equal(1e-2, rms.LearningRate);
        Assert.Equal(0.99, rms.Alpha);
        Assert.Equal(1e-8, rms.Epsilon);
        Assert.Equal(0, rms.Momentum);
        Assert.False(rms.Centered);
    }

    [Fact]
    public void FirstTwoStepsFollowTheFormula()
    {
        const double lr = 0.01, alpha = 0.99, eps = 1e-8;
        var rms = new RmsProp(2, lr, alpha, eps);
        double[] theta = { 1.0, -1.0 }, g1 = { 2.0, -0.5 }, g2 = { 1.0, 1.0 };
        rms.Step(theta, g1);
        // v = 0.01 g², so the first step is lr · g / (0.1 |g| + ε) ≈ 10 lr sign(g).
        Assert.Equal(1.0 - lr * 2.0 / (0.1 * 2.0 + eps), theta[0], 14);
        Assert.Equal(-1.0 + lr * 0.5 / (0.1 * 0.5 + eps), theta[1], 14);

        double[] expected = (double[])theta.Clone();
        rms.Step(theta, g2);
        for (int i = 0; i < 2; i++)
        {
            double v = alpha * (1 - alpha) * g1[i] * g1[i] + (1 - alpha) * g2[i] * g2[i];
            expected[i] -= lr * g2[i] / (Math.Sqrt(v) + eps);
        }
        Assert.Equal(expected[0], theta[0], 14);
        Assert.Equal(expected[1], theta[1], 14);
    }

    [Fact]
    public void MomentumAccumulatesTheScaledGradient()
    {
        const double lr = 0.01, alpha = 0.99, eps = 1e-8, mu = 0.9;
        var rms = new RmsProp(1, lr, alpha, eps, momentum: mu);
        double[] theta = { 0.0 };
        rms.Step(theta, new[] { 2.0 });
        double b1 = 2.0 / (Math.Sqrt((1 - alpha) * 4.0) + eps);
        Assert.Equal(-lr * b1, theta[0], 14);
        rms.Step(theta, new[] { -1.0 });
        double v2 = alpha * (1 - alpha) * 4.0 + (1 - alpha) * 1.0;
        double b2 = mu * b1 + -1.0 / (Math.Sqrt(v2) + eps);
        Assert.Equal(-lr * b1 - lr * b2, theta[0], 14);
    }

    [Fact]
    public void CenteredDividesByTheVariance()
    {
        const double lr = 0.01, alpha = 0.99, eps = 1e-8;
        var rms = new RmsProp(1, lr, alpha, eps, centered: true);
        double[] theta = { 0.0 };
        rms.Step(theta, new[] { 2.0 });
        double v = (1 - alpha) * 4.0, mean = (1 - alpha) * 2.0;
        Assert.Equal(-lr * 2.0 / (Math.Sqrt(v - mean * mean) + eps), theta[0], 14);
    }

    [Fact]
    public void MinimisesAQuadratic()
    {
        // Plain RMSprop takes steps of about lr near the minimum: converges to within a few lr.
        var x = TestFunctions.Minimise(new RmsProp(6, learningRate: 1e-3), TestFunctions.Quadratic, new double[6], 10000);
        for (int i = 0; i < 6; i++) Assert.Equal(i, x[i], 2);
        var withMomentum = TestFunctions.Minimise(new RmsProp(6, learningRate: 1e-3, momentum: 0.9), TestFunctions.Quadratic, new double[6], 5000);
        for (int i = 0; i < 6; i++) Assert.Equal(i, withMomentum[i], 2);
    }

    [Fact]
    public void MinimisesRosenbrock()
    {
        var x = TestFunctions.Minimise(new RmsProp(2, learningRate: 1e-3, momentum: 0.9), TestFunctions.Rosenbrock, new[] { -1.2, 1.0 }, 20000);
        Assert.Equal(1, x[0], 2);
        Assert.Equal(1, x[1], 2);
    }

    [Fact]
    public void ResetForgetsTheAverages()
    {
        var rms = new RmsProp(1, momentum: 0.5, centered: true);
        double[] theta = { 1.0 };
        rms.Step(theta, new[] { 1.0 });
        rms.Reset();
        double[] fresh = { 1.0 };
        theta[0] = 1.0;
        rms.Step(theta, new[] { 0.3 });
        new RmsProp(1, momentum: 0.5, centered: true).Step(fresh, new[] { 0.3 });
        Assert.Equal(fresh[0], theta[0]);
    }
}
