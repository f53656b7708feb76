using OdeGen.Samples.Classifier;

namespace OdeGen.Samples.Tests;

/// <summary>
/// The derivatives of the classifier's layers (generated from the [Differentiable] span layers) and of its ODE block
/// against central differences of their forward functions, along random directions (the relus' kinks are not hit).
/// </summary>
public class ClassifierLayerTests
{
    [Fact]
    public void Downsample_jvp_and_vjp_match_central_differences() => Check(new Layers.DownsampleFunction(), seed: 1);

    [Fact]
    public void Head_jvp_and_vjp_match_central_differences() => Check(new Layers.HeadFunction(), seed: 2);

    private static void Check<TFunction>(TFunction f, int seed) where TFunction : IDifferentiableFunction
    {
        var random = new Random(seed);
        double[] x = Uniform(random, f.InputSize, 0, 1), p = Uniform(random, f.ParameterSize, -0.3, 0.3);
        double[] vx = Uniform(random, f.InputSize, -1, 1), vp = Uniform(random, f.ParameterSize, -1, 1);
        double[] w = Uniform(random, f.OutputSize, -1, 1);

        // Central difference of F along (vx, vp).
        const double h = 1e-6;
        double[] up = new double[f.OutputSize], down = new double[f.OutputSize];
        f.Forward(Add(x, vx, h), Add(p, vp, h), up);
        f.Forward(Add(x, vx, -h), Add(p, vp, -h), down);
        var difference = up.Zip(down, (a, b) => (a - b) / (2 * h)).ToArray();

        var y = new double[f.OutputSize];
        var jv = new double[f.OutputSize];
        f.Jvp(x, p, vx, vp, y, jv);
        var forward = new double[f.OutputSize];
        f.Forward(x, p, forward);
        Assert.Equal(forward, y);
        for (int i = 0; i < jv.Length; i++) Assert.True(Math.Abs(jv[i] - difference[i]) <= 1e-6 * (1 + Math.Abs(difference[i])), $"jv[{i}] {jv[i]} vs {difference[i]}");

        var wJx = new double[f.InputSize];
        var wJp = new double[f.ParameterSize];
        f.Vjp(x, p, w, y, wJx, wJp);
        double expected = Dot(w, difference), actual = Dot(wJx, vx) + Dot(wJp, vp);
        Assert.True(Math.Abs(actual - expected) <= 1e-6 * (1 + Math.Abs(expected)), $"<wJ, v> {actual} vs <w, Jv> {expected}");

        // Accumulating again doubles.
        f.VjpAccumulate(x, p, w, Span<double>.Empty, wJx, wJp);
        Assert.Equal(2 * actual, Dot(wJx, vx) + Dot(wJp, vp), 8);
    }

    [Fact]
    public void Ode_block_vjp_matches_central_differences_in_state_time_and_parameters()
    {
        var f = new OdeBlock.DynamicsSystem();
        var random = new Random(3);
        double t = 0.4;
        double[] y = Uniform(random, f.StateSize, -1, 1), p = Uniform(random, f.ParameterSize, -0.3, 0.3);
        double[] vy = Uniform(random, f.StateSize, -1, 1), vp = Uniform(random, f.ParameterSize, -1, 1), w = Uniform(random, f.StateSize, -1, 1);
        const double h = 1e-6, vt = 0.7;
        double[] up = new double[f.StateSize], down = new double[f.StateSize];
        f.Forward(t + h * vt, Add(y, vy, h), Add(p, vp, h), up);
        f.Forward(t - h * vt, Add(y, vy, -h), Add(p, vp, -h), down);
        double expected = 0;
        for (int i = 0; i < up.Length; i++) expected += w[i] * (up[i] - down[i]) / (2 * h);

        var wJy = new double[f.StateSize];
        var wJp = new double[f.ParameterSize];
        double wJt = f.Vjp(t, y, p, w, Span<double>.Empty, wJy, wJp);
        double actual = Dot(wJy, vy) + Dot(wJp, vp) + wJt * vt;

        Assert.True(Math.Abs(actual - expected) <= 1e-6 * (1 + Math.Abs(expected)), $"<wJ, v> {actual} vs <w, Jv> {expected}");
        Assert.NotEqual(0, wJt);   // time is an input of the block
    }

    internal static double[] Uniform(Random random, int n, double low, double high)
    {
        var values = new double[n];
        for (int i = 0; i < n; i++) values[i] = low + (high - low) * random.NextDouble();
        return values;
    }

    internal static double[] Add(double[] a, double[] v, double h) => a.Zip(v, (x, d) => x + h * d).ToArray();

    internal static double Dot(double[] a, double[] b)
    {
        double s = 0;
        for (int i = 0; i < a.Length; i++) s += a[i] * b[i];
        return s;
    }
}
