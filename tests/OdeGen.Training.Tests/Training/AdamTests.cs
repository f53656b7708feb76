namespace OdeGen.Training.Tests.Training;

/// <summary><see cref="Adam"/> against Algorithm 1 of Kingma &amp; Ba (2015) worked by hand.</summary>
public class AdamTests
{
    [Fact]
    public void FirstTwoStepsFollowTheFormula()
    {
        const double lr = 0.1, b1 = 0.9, b2 = 0.999, eps = 1e-8;
        var adam = new Adam(3, lr, b1, b2, eps);
        double[] theta = { 1.0, -2.0, 0.5 };
        double[] g1 = { 0.3, -4.0, 0.0 };
        double[] g2 = { -0.2, -1.0, 2.0 };
        var expected = (double[])theta.Clone();

        adam.Step(theta, g1);
        for (int i = 0; i < 3; i++)
        {
            // t = 1: m̂ = g, v̂ = g², so the step is lr · g / (|g| + ε): lr in the direction of -g.
            double m = (1 - b1) * g1[i], v = (1 - b2) * g1[i] * g1[i];
            expected[i] -= lr * (m / (1 - b1)) / (Math.Sqrt(v / (1 - b2)) + eps);
        }
        Assert.Equal(expected[0], theta[0], 15);
        Assert.Equal(1.0 - lr * 0.3 / (0.3 + eps), theta[0], 14);
        Assert.Equal(-2.0 + lr * 4.0 / (4.0 + eps), theta[1], 14);
        Assert.Equal(0.5, theta[2]); // a zero gradient leaves the parameter
        Assert.Equal(1, adam.StepCount);

        adam.Step(theta, g2);
        for (int i = 0; i < 3; i++)
        {
            double m = b1 * (1 - b1) * g1[i] + (1 - b1) * g2[i];
            double v = b2 * (1 - b2) * g1[i] * g1[i] + (1 - b2) * g2[i] * g2[i];
            double mHat = m / (1 - b1 * b1), vHat = v / (1 - b2 * b2);
            expected[i] -= lr * mHat / (Math.Sqrt(vHat) + eps);
        }
        for (int i = 0; i < 3; i++) Assert.Equal(expected[i], theta[i], 14);
        Assert.Equal(2, adam.StepCount);
        Assert.Equal(b1 * (1 - b1) * g1[1] + (1 - b1) * g2[1], adam.FirstMoment[1], 15);
    }

    [Fact]
    public void DefaultsAreThePapers()
    {
        var adam = new Adam(1);
        Assert.Equal(1e-3, adam.LearningRate);
        Assert.Equal(0.9, adam.Beta1);
        Assert.Equal(0.999, adam.Beta2);
        Assert.Equal(1e-8, adam.Epsilon);
    }

    [Fact]
    public void MinimisesAQuadratic()
    {
        var x = TestFunctions.Minimise(new Adam(6, learningRate: 0.05), TestFunctions.Quadratic, new double[6], 3000);
        for (int i = 0; i < 6; i++) Assert.Equal(i, x[i], 4);
    }

    [Fact]
    public void MinimisesRosenbrock()
    {
        var x = TestFunctions.Minimise(new Adam(2, learningRate: 0.01), TestFunctions.Rosenbrock, new[] { -1.2, 1.0 }, 20000);
        Assert.Equal(1, x[0], 3);
        Assert.Equal(1, x[1], 3);
    }

    [Fact]
    public void ResetForgetsTheMoments()
    {
        var adam = new Adam(2, 0.1);
        double[] theta = { 1, 2 }, g = { 0.5, -0.25 };
        adam.Step(theta, g);
        adam.Step(theta, new double[] { 3, 3 });
        adam.Reset();
        Assert.Equal(0, adam.StepCount);
        Assert.All(adam.FirstMoment.ToArray(), v => Assert.Equal(0, v));

        double[] afterReset = { 1, 2 }, fresh = { 1, 2 };
        adam.Step(afterReset, g);
        new Adam(2, 0.1).Step(fresh, g);
        Assert.Equal(fresh, afterReset);
    }

    [Theory]
    [InlineData(-0.1, 0.999, 1e-8)]
    [InlineData(1.0, 0.999, 1e-8)]
    [InlineData(0.9, 1.0, 1e-8)]
    [InlineData(0.9, 0.999, 0.0)]
    public void RejectsInvalidHyperparameters(double beta1, double beta2, double epsilon) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new Adam(1, 1e-3, beta1, beta2, epsilon));
}
