using OdeGen.Samples.Spiral;

namespace OdeGen.Samples.Tests;

/// <summary>The gradient of the fixed configuration: against central differences of the loss, and across methods.</summary>
public class SpiralGradientTests
{
    private static readonly Lazy<SpiralData> Data = new(SpiralData.Generate);

    private static double Loss(double[] p)
    {
        var batch = new WindowBatch(Data.Value);
        batch.SetStarts(FixedGradient.Starts());
        batch.Gradient(p, new InterpolatingAdjoint(), out double loss);
        return loss;
    }

    [Theory]
    [InlineData(SpiralMlp.B2Offset)]
    [InlineData(SpiralMlp.B2Offset + 1)]
    [InlineData(SpiralMlp.W1Offset + 7)]
    public void Backsolve_gradient_matches_central_differences(int index)
    {
        var gradient = FixedGradient.Compute(new BacksolveAdjoint(), timedRuns: 0).Gradient;
        double[] p = MlpParameters.Fixed();
        const double h = 1e-5;
        p[index] += h;
        double up = Loss(p);
        p[index] -= 2 * h;
        double down = Loss(p);
        double difference = (up - down) / (2 * h);

        Assert.True(Math.Abs(gradient[index] - difference) <= 1e-5 * Math.Abs(difference) + 1e-9,
            $"dL/dp[{index}]: adjoint {gradient[index]:R}, central difference {difference:R}");
    }

    [Fact]
    public void The_methods_agree()
    {
        var backsolve = FixedGradient.Compute(new BacksolveAdjoint(), timedRuns: 0);
        var interpolating = FixedGradient.Compute(new InterpolatingAdjoint(), timedRuns: 0);
        var discrete = FixedGradient.Compute(new DiscreteAdjoint(), timedRuns: 0);

        Assert.Equal(backsolve.Loss, interpolating.Loss, 1e-12);
        Assert.True(RelativeDifference(backsolve.Gradient, interpolating.Gradient) < 5e-6,
            $"backsolve vs interpolating: {RelativeDifference(backsolve.Gradient, interpolating.Gradient):E2}");
        // The discrete adjoint differentiates the discrete solution (which steps onto every observation time),
        // so it differs from the continuous adjoints by about the solver's tolerance.
        Assert.True(RelativeDifference(backsolve.Gradient, discrete.Gradient) < 1e-4,
            $"backsolve vs discrete: {RelativeDifference(backsolve.Gradient, discrete.Gradient):E2}");
        Assert.True(Math.Abs(backsolve.Loss - discrete.Loss) < 1e-7 * backsolve.Loss);
    }

    /// <summary>‖a − b‖ / ‖b‖ over the whole gradient.</summary>
    private static double RelativeDifference(double[] a, double[] b)
    {
        double difference = 0, norm = 0;
        for (int i = 0; i < a.Length; i++)
        {
            difference += (a[i] - b[i]) * (a[i] - b[i]);
            norm += b[i] * b[i];
        }
        return Math.Sqrt(difference / norm);
    }
}
