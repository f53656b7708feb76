using OdeGen.Flows;

namespace OdeGen.Tests.Flows;

/// <summary>
/// The continuous normalizing flow: log-densities against a linear flow's closed form, the augmented system's VJP by
/// the dot-product test, the loss gradient against central differences (exact trace and Hutchinson's with fixed noise),
/// Hutchinson's estimate unbiased, samples with the linear flow's covariance, transport there and back.
/// </summary>
public class FlowTests
{
    private static readonly double[] A = [-0.3, 0.5, -0.2, 0.4];
    private static readonly SolverOptions Tight = new() { RelTol = 1e-10, AbsTol = 1e-10 };

    private static double[] MlpParameters(int seed = 3) => DerivativeChecks.RandomVector(new Random(seed), 50, -0.6, 0.6);

    private static readonly double[] Points = [0.3, -0.8, 1.1, 0.4, -0.5, -0.2, 0.9, 1.3];

    [Fact]
    public void Log_density_of_a_linear_flow_is_its_closed_form()
    {
        var flow = new ContinuousNormalizingFlow<FlowDynamics.LinearSystem>(new FlowDynamics.LinearSystem(), endTime: 1.5) { Options = Tight };
        var logDensity = flow.LogDensity(Points, A);
        var e = Exponential(A, 1.5);
        for (int b = 0; b < 4; b++)
        {
            double x = Points[2 * b], y = Points[2 * b + 1];
            double u = e[0] * x + e[1] * y, v = e[2] * x + e[3] * y;
            double expected = -0.5 * (u * u + v * v) - Math.Log(2 * Math.PI) + 1.5 * (A[0] + A[3]);
            Assert.True(Math.Abs(expected - logDensity[b]) < 1e-8, $"point {b}: {logDensity[b]:R} against {expected:R}");
        }
    }

    [Fact]
    public void Log_density_under_a_wider_base_is_its_closed_form()
    {
        const double sigma = 0.5;
        var flow = new ContinuousNormalizingFlow<FlowDynamics.LinearSystem>(new FlowDynamics.LinearSystem()) { Options = Tight, BaseStandardDeviation = sigma };
        var logDensity = flow.LogDensity(Points, A);
        var e = Exponential(A, 1.0);
        for (int b = 0; b < 4; b++)
        {
            double x = Points[2 * b], y = Points[2 * b + 1];
            double u = e[0] * x + e[1] * y, v = e[2] * x + e[3] * y;
            double expected = -0.5 * (u * u + v * v) / (sigma * sigma) - Math.Log(2 * Math.PI * sigma * sigma) + A[0] + A[3];
            Assert.True(Math.Abs(expected - logDensity[b]) < 1e-8, $"point {b}: {logDensity[b]:R} against {expected:R}");
        }
    }

    [Theory]
    [InlineData(TraceEstimator.Exact)]
    [InlineData(TraceEstimator.Hutchinson)]
    public void Augmented_vjp_passes_the_dot_product_test(TraceEstimator trace)
    {
        var system = new FlowSystem<FlowDynamics.MlpSystem>(new FlowDynamics.MlpSystem(), 4, trace);
        system.DrawNoise(new Random(5), HutchinsonNoise.Gaussian);
        var random = new Random(7);
        var p = MlpParameters();
        var y = DerivativeChecks.RandomVector(random, system.StateSize);
        var vy = DerivativeChecks.RandomVector(random, system.StateSize);
        var vp = DerivativeChecks.RandomVector(random, 50);
        double t = 0.4, vt = 0.7;
        var w = DerivativeChecks.RandomVector(random, system.StateSize);
        var wJy = new double[system.StateSize];
        var wJp = new double[50];
        var f = new double[system.StateSize];
        double wJt = system.Vjp(t, y, p, w, f, wJy, wJp);
        var expectedF = new double[system.StateSize];
        system.Forward(t, y, p, expectedF);
        Assert.Equal(expectedF, f);

        const double h = 1e-4;
        var plus = new double[system.StateSize];
        var minus = new double[system.StateSize];
        system.Forward(t + h * vt, y.Select((v, i) => v + h * vy[i]).ToArray(), p.Select((v, i) => v + h * vp[i]).ToArray(), plus);
        system.Forward(t - h * vt, y.Select((v, i) => v - h * vy[i]).ToArray(), p.Select((v, i) => v - h * vp[i]).ToArray(), minus);
        double left = w.Select((wi, i) => wi * (plus[i] - minus[i]) / (2 * h)).Sum();
        double right = wJy.Zip(vy, (a, b) => a * b).Sum() + wJp.Zip(vp, (a, b) => a * b).Sum() + wJt * vt;
        Assert.True(Math.Abs(left - right) < 1e-6 * Math.Max(1, Math.Abs(left)), $"<w, J v> = {left:R}, <J^T w, v> = {right:R}");
    }

    [Theory]
    [InlineData(TraceEstimator.Exact)]
    [InlineData(TraceEstimator.Hutchinson)]
    public void Loss_gradient_matches_central_differences(TraceEstimator trace)
    {
        var flow = new ContinuousNormalizingFlow<FlowDynamics.MlpSystem>(new FlowDynamics.MlpSystem())
        {
            Trace = trace,
            Options = Tight,
            Method = new InterpolatingAdjoint { RelTol = 1e-10, AbsTol = 1e-10 },
            BaseStandardDeviation = 0.7,
        };
        var p = MlpParameters();
        // The same seed gives the same noise, so the differences see the loss the gradient is of.
        var loss = flow.NegativeLogLikelihood(Points, p, new Random(11));
        Assert.True(double.IsFinite(loss.Value));
        Assert.True(loss.BackwardStats.AcceptedSteps > 0);
        const double h = 1e-5;
        for (int k = 0; k < 50; k += 7)
        {
            var up = (double[])p.Clone();
            var down = (double[])p.Clone();
            up[k] += h;
            down[k] -= h;
            double slope = (flow.NegativeLogLikelihood(Points, up, new Random(11)).Value - flow.NegativeLogLikelihood(Points, down, new Random(11)).Value) / (2 * h);
            Assert.True(Math.Abs(slope - loss.Gradient[k]) < 1e-6 * Math.Max(1, Math.Abs(slope)), $"dL/dp[{k}]: {loss.Gradient[k]:R} against differences {slope:R}");
        }
    }

    [Theory]
    [InlineData(TraceEstimator.Exact)]
    [InlineData(TraceEstimator.Hutchinson)]
    public void Parallel_chunks_give_the_serial_bits(TraceEstimator trace)
    {
        // 100 points are four chunks; the parameter cotangent is summed chunk by chunk in order either way.
        var points = DerivativeChecks.RandomVector(new Random(4), 200, -1.5, 1.5);
        ContinuousNormalizingFlow<FlowDynamics.MlpSystem> Flow(bool parallel) => new(new FlowDynamics.MlpSystem()) { Trace = trace, Parallel = parallel };
        var serial = Flow(false).NegativeLogLikelihood(points, MlpParameters(), new Random(9));
        var parallel = Flow(true).NegativeLogLikelihood(points, MlpParameters(), new Random(9));
        Assert.Equal(BitConverter.DoubleToInt64Bits(serial.Value), BitConverter.DoubleToInt64Bits(parallel.Value));
        for (int k = 0; k < serial.Gradient.Length; k++)
            Assert.True(BitConverter.DoubleToInt64Bits(serial.Gradient[k]) == BitConverter.DoubleToInt64Bits(parallel.Gradient[k]),
                $"dL/dp[{k}]: serial {serial.Gradient[k]:R}, parallel {parallel.Gradient[k]:R}");
    }

    [Theory]
    [InlineData(7)]
    [InlineData(37)]
    public void Hutchinson_on_lanes_agrees_with_the_points_one_by_one(int batch)
    {
        // Groups of Lanes.Count points on the lane kernels, the rest of each chunk point by point: the same values to rounding.
        FlowSystem<FlowDynamics.MlpSystem> System(bool lanes) => new(new FlowDynamics.MlpSystem(), batch, TraceEstimator.Hutchinson) { UseLanes = lanes };
        var onLanes = System(true);
        var onePoint = System(false);
        Assert.True(new FlowDynamics.MlpSystem().HasSecondOrderLanes);
        onLanes.DrawNoise(new Random(2));
        onePoint.DrawNoise(new Random(2));
        var random = new Random(batch);
        var p = MlpParameters();
        var y = DerivativeChecks.RandomVector(random, onLanes.StateSize);
        var w = DerivativeChecks.RandomVector(random, onLanes.StateSize);
        double[] Run(FlowSystem<FlowDynamics.MlpSystem> system)
        {
            var f = new double[system.StateSize];
            system.Forward(0.3, y, p, f);
            var dy = new double[system.StateSize];
            var wJy = new double[system.StateSize];
            var wJp = new double[p.Length];
            double wJt = system.Vjp(0.3, y, p, w, dy, wJy, wJp);
            return f.Concat(dy).Concat(wJy).Concat(wJp).Append(wJt).ToArray();
        }
        var expected = Run(onePoint);
        var actual = Run(onLanes);
        for (int i = 0; i < expected.Length; i++) DerivativeChecks.AssertClose(expected[i], actual[i], 1e-11, $"output {i}");
    }

    [Fact]
    public void Without_the_time_cotangent_the_other_cotangents_are_the_same()
    {
        var random = new Random(8);
        var p = MlpParameters();
        var y = DerivativeChecks.RandomVector(random, 9);
        var w = DerivativeChecks.RandomVector(random, 9);
        var full = new FlowSystem<FlowDynamics.MlpSystem>(new FlowDynamics.MlpSystem(), 3);
        var partial = new FlowSystem<FlowDynamics.MlpSystem>(new FlowDynamics.MlpSystem(), 3) { TimeCotangent = false };
        double[] wJy1 = new double[9], wJp1 = new double[50], wJy2 = new double[9], wJp2 = new double[50];
        double wJt1 = full.Vjp(0.2, y, p, w, Span<double>.Empty, wJy1, wJp1);
        double wJt2 = partial.Vjp(0.2, y, p, w, Span<double>.Empty, wJy2, wJp2);
        Assert.Equal(wJy1, wJy2);
        Assert.Equal(wJp1, wJp2);
        Assert.NotEqual(wJt1, wJt2);
    }

    [Fact]
    public void Hutchinson_estimate_averages_to_the_exact_trace()
    {
        // In 2-D, εᵀ J ε = J00 + J11 + ε0 ε1 (J01 + J10): the four Rademacher sign patterns average to the trace exactly.
        var exact = new FlowSystem<FlowDynamics.MlpSystem>(new FlowDynamics.MlpSystem(), 1);
        var estimate = new FlowSystem<FlowDynamics.MlpSystem>(new FlowDynamics.MlpSystem(), 1, TraceEstimator.Hutchinson);
        var p = MlpParameters();
        double[] y = [0.4, -0.9, 0];
        var dy = new double[3];
        exact.Forward(0.3, y, p, dy);
        double trace = dy[2], sum = 0, spread = 0;
        foreach (var (a, b) in new[] { (1.0, 1.0), (1.0, -1.0), (-1.0, 1.0), (-1.0, -1.0) })
        {
            estimate.Noise[0] = a;
            estimate.Noise[1] = b;
            estimate.Forward(0.3, y, p, dy);
            sum += dy[2] / 4;
            spread = Math.Max(spread, Math.Abs(dy[2] - trace));
        }
        Assert.True(Math.Abs(sum - trace) < 1e-12, $"mean estimate {sum:R} against the trace {trace:R}");
        Assert.True(spread > 1e-6, "the single estimates differ from the trace: this is a test of the average");
    }

    [Fact]
    public void Samples_of_a_linear_flow_have_its_covariance()
    {
        var flow = new ContinuousNormalizingFlow<FlowDynamics.LinearSystem>(new FlowDynamics.LinearSystem());
        const int count = 4000;
        var samples = flow.Sample(count, A, new Random(2));
        // x = e^{-A} z with z standard normal: Cov x = e^{-A} e^{-A}ᵀ.
        var e = Exponential(A.Select(a => -a).ToArray(), 1.0);
        double[] expected = [e[0] * e[0] + e[1] * e[1], e[0] * e[2] + e[1] * e[3], e[2] * e[2] + e[3] * e[3]];
        double sxx = 0, sxy = 0, syy = 0;
        for (int i = 0; i < count; i++)
        {
            double x = samples[2 * i], y = samples[2 * i + 1];
            sxx += x * x / count;
            sxy += x * y / count;
            syy += y * y / count;
        }
        double[] actual = [sxx, sxy, syy];
        for (int k = 0; k < 3; k++)
            Assert.True(Math.Abs(actual[k] - expected[k]) < 0.1 * Math.Max(expected[0], expected[2]), $"covariance entry {k}: {actual[k]:F4} against {expected[k]:F4}");
    }

    [Fact]
    public void Transport_there_and_back_returns_the_points()
    {
        var flow = new ContinuousNormalizingFlow<FlowDynamics.MlpSystem>(new FlowDynamics.MlpSystem()) { Options = Tight };
        var p = MlpParameters();
        var there = flow.Transport(Points, p, 0.0, [0.5, 1.0]);
        var back = flow.Transport(there.AsSpan(Points.Length), p, 1.0, [0.0]);
        for (int i = 0; i < Points.Length; i++) Assert.True(Math.Abs(back[i] - Points[i]) < 1e-7, $"coordinate {i}: {back[i]:R} against {Points[i]:R}");
        Assert.NotEqual(Points[0], there[0]);
    }

    [Fact]
    public void The_augmented_system_refuses_a_jacobian_and_says_what_to_use()
    {
        var system = new FlowSystem<FlowDynamics.MlpSystem>(new FlowDynamics.MlpSystem(), 2);
        var e = Assert.Throws<NotSupportedException>(() => system.JacobianY(0, new double[6], MlpParameters(), new double[36]));
        Assert.Contains("explicit solver", e.Message);
        var flow = new ContinuousNormalizingFlow<FlowDynamics.MlpSystem>(new FlowDynamics.MlpSystem()) { Trace = TraceEstimator.Hutchinson };
        Assert.Throws<ArgumentNullException>(() => flow.NegativeLogLikelihood(Points, MlpParameters()));
        Assert.Throws<ArgumentException>(() => flow.LogDensity(new double[3], MlpParameters()));
    }

    /// <summary>e^{M s} for a 2×2 matrix by its Taylor series (|M s| is small here, so 40 terms are exact in double).</summary>
    private static double[] Exponential(double[] m, double s)
    {
        double[] result = [1, 0, 0, 1], term = [1, 0, 0, 1];
        for (int k = 1; k < 40; k++)
        {
            term = [(term[0] * m[0] + term[1] * m[2]) * s / k, (term[0] * m[1] + term[1] * m[3]) * s / k,
                    (term[2] * m[0] + term[3] * m[2]) * s / k, (term[2] * m[1] + term[3] * m[3]) * s / k];
            for (int i = 0; i < 4; i++) result[i] += term[i];
        }
        return result;
    }
}
