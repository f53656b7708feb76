using static OdeGen.Training.Tests.TestData;

namespace OdeGen.Training.Tests.Training;

/// <summary>The losses' values on worked examples and their gradients against central differences.</summary>
public class LossTests
{
    private delegate double Loss(ReadOnlySpan<double> prediction);
    private delegate double LossWithGradient(ReadOnlySpan<double> prediction, Span<double> gradient);

    [Fact]
    public void MseIsTheMeanSquare()
    {
        Assert.Equal((1 + 4 + 0.25) / 3, Mse.Value(new[] { 1.0, -2.0, 0.5 }, new[] { 0.0, 0.0, 0.0 }), 15);
        Assert.Equal(0, Mse.Value(new[] { 3.0, 4.0 }, new[] { 3.0, 4.0 }));
    }

    [Fact]
    public void L1IsTheMeanAbsoluteError()
    {
        Assert.Equal((1 + 2 + 0.5) / 3, L1.Value(new[] { 1.0, -2.0, 0.5 }, new[] { 0.0, 0.0, 0.0 }), 15);
    }

    [Fact]
    public void CrossEntropyOfUniformLogitsIsLogK()
    {
        Assert.Equal(Math.Log(4), CrossEntropy.Value(new[] { 0.3, 0.3, 0.3, 0.3 }, new[] { 0.0, 0.0, 1.0, 0.0 }), 14);
        Assert.Equal(Math.Log(4), CrossEntropy.Value(new[] { 0.3, 0.3, 0.3, 0.3 }, new[] { 2 }), 14);
    }

    [Fact]
    public void CrossEntropyMatchesTheDefinition()
    {
        double[] z = { 1.0, -0.5, 2.0 }, q = { 0.2, 0.3, 0.5 };
        double norm = z.Sum(Math.Exp);
        double expected = -Enumerable.Range(0, 3).Sum(k => q[k] * Math.Log(Math.Exp(z[k]) / norm));
        Assert.Equal(expected, CrossEntropy.Value(z, q), 14);
    }

    [Fact]
    public void CrossEntropyIsStableForLargeLogits()
    {
        double[] shifted = { 1000.0, 1001.0, 999.0 }, plain = { 1.0, 2.0, 0.0 };
        double value = CrossEntropy.Value(shifted, new[] { 0 });
        Assert.True(double.IsFinite(value));
        Assert.Equal(CrossEntropy.Value(plain, new[] { 0 }), value, 12);
        var gradient = new double[3];
        CrossEntropy.Gradient(new[] { -800.0, 800.0, 0.0 }, new[] { 0 }, gradient);
        Assert.Equal(new[] { -1.0, 1.0, 0.0 }, gradient);
        Assert.Equal(1600, CrossEntropy.Value(new[] { -800.0, 800.0, 0.0 }, new[] { 0 }), 12);
    }

    [Fact]
    public void CrossEntropyAveragesOverSamples()
    {
        double[] logits = { 1.0, 2.0, 0.5, -1.0, 0.0, 3.0 };
        double first = CrossEntropy.Value(logits.AsSpan(0, 3), new[] { 1 });
        double second = CrossEntropy.Value(logits.AsSpan(3, 3), new[] { 2 });
        Assert.Equal((first + second) / 2, CrossEntropy.Value(logits, new[] { 1, 2 }), 14);
        double[] oneHot = { 0, 1, 0, 0, 0, 1 };
        Assert.Equal((first + second) / 2, CrossEntropy.Value(logits, oneHot, classes: 3), 14);
    }

    [Fact]
    public void SoftmaxSumsToOne()
    {
        var probabilities = new double[4];
        CrossEntropy.Softmax(new[] { 700.0, 1.0, -3.0, 699.0 }, probabilities);
        Assert.Equal(1, probabilities.Sum(), 14);
        Assert.Equal(1 / (1 + Math.Exp(-1)), probabilities[0], 14);
    }

    [Fact]
    public void MseGradientMatchesCentralDifferences() =>
        CheckGradient(p => Mse.Value(p, Target(p.Length)), (p, g) => Mse.Gradient(p, Target(p.Length), g), 7);

    [Fact]
    public void L1GradientMatchesCentralDifferences() =>
        CheckGradient(p => L1.Value(p, Target(p.Length)), (p, g) => L1.Gradient(p, Target(p.Length), g), 7);

    [Fact]
    public void L1GradientIsZeroWherePredictionEqualsTarget()
    {
        var gradient = new double[3];
        L1.Gradient(new[] { 1.0, 2.0, 3.0 }, new[] { 1.0, 0.0, 5.0 }, gradient);
        Assert.Equal(new[] { 0.0, 1.0 / 3, -1.0 / 3 }, gradient);
    }

    [Fact]
    public void CrossEntropyGradientMatchesCentralDifferences()
    {
        // Two samples of four classes with soft targets, one of which does not sum to 1.
        double[] q = { 0.1, 0.2, 0.3, 0.4, 0.0, 0.5, 0.0, 0.25 };
        CheckGradient(p => CrossEntropy.Value(p, q, 4), (p, g) => CrossEntropy.Gradient(p, q, g, 4), 8);
        int[] labels = { 3, 0 };
        CheckGradient(p => CrossEntropy.Value(p, labels), (p, g) => CrossEntropy.Gradient(p, labels, g), 8);
        double[] single = { 0.0, 1.0, 0.0 };
        CheckGradient(p => CrossEntropy.Value(p, single), (p, g) => CrossEntropy.Gradient(p, single, g), 3);
    }

    [Fact]
    public void CrossEntropyGradientIsSoftmaxMinusOneHot()
    {
        double[] z = { 0.5, -1.0, 2.0 }, p = new double[3], gradient = new double[3];
        CrossEntropy.Softmax(z, p);
        CrossEntropy.Gradient(z, new[] { 2 }, gradient);
        AssertClose(new[] { p[0], p[1], p[2] - 1 }, gradient, 1e-15);
    }

    [Fact]
    public void GradientReturnsTheValue()
    {
        double[] prediction = { 0.3, -1.2, 2.0, 0.7 }, target = { 0.1, 0.2, 0.3, 0.4 }, g = new double[4];
        Assert.Equal(Mse.Value(prediction, target), Mse.Gradient(prediction, target, g));
        Assert.Equal(L1.Value(prediction, target), L1.Gradient(prediction, target, g));
        Assert.Equal(CrossEntropy.Value(prediction, target), CrossEntropy.Gradient(prediction, target, g));
        Assert.Equal(CrossEntropy.Value(prediction, new[] { 1, 0 }), CrossEntropy.Gradient(prediction, new[] { 1, 0 }, g));
    }

    [Fact]
    public void MismatchedLengthsAreRejected()
    {
        double[] three = new double[3], two = new double[2];
        Assert.Equal("target", Assert.Throws<ArgumentException>(() => Mse.Value(three, two)).ParamName);
        Assert.Equal("gradient", Assert.Throws<ArgumentException>(() => L1.Gradient(three, three, two)).ParamName);
        Assert.Equal("prediction", Assert.Throws<ArgumentException>(() => Mse.Value(Array.Empty<double>(), Array.Empty<double>())).ParamName);
        Assert.Equal("prediction", Assert.Throws<ArgumentException>(() => CrossEntropy.Value(three, three, classes: 2)).ParamName);
        Assert.Equal("labels", Assert.Throws<ArgumentException>(() => CrossEntropy.Value(three, new[] { 3 })).ParamName);
        Assert.Equal("prediction", Assert.Throws<ArgumentException>(() => CrossEntropy.Value(three, new[] { 0, 1 })).ParamName);
    }

    private static double[] Target(int length) => Enumerable.Range(0, length).Select(i => Math.Cos(i)).ToArray();

    /// <summary>Each gradient entry against the 4th-order central difference of the value.</summary>
    private static void CheckGradient(Loss value, LossWithGradient gradient, int length)
    {
        var random = new Random(length);
        for (int trial = 0; trial < 5; trial++)
        {
            var x = RandomVector(random, length, -2, 2);
            var g = new double[length];
            gradient(x, g);
            const double h = 1e-4;
            for (int i = 0; i < length; i++)
            {
                double Shifted(double step)
                {
                    var xs = (double[])x.Clone();
                    xs[i] += step;
                    return value(xs);
                }
                double fd = (-Shifted(2 * h) + 8 * Shifted(h) - 8 * Shifted(-h) + Shifted(-2 * h)) / (12 * h);
                AssertClose(fd, g[i], 1e-8, $"dL/dx[{i}]");
            }
        }
    }
}
