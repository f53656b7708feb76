namespace OdeGen.Training.Tests.Training;

/// <summary>Statistics of the initialisations on a large matrix, their bounds, determinism and argument checks.</summary>
public class InitializationTests
{
    private const int FanIn = 300, FanOut = 200; // 60 000 draws: sample variance within ~1.2% (2σ)

    public static TheoryData<string> Schemes => new() { "GlorotUniform", "GlorotNormal", "HeUniform", "HeNormal" };

    private static void Initialise(string scheme, Span<double> weights, int fanIn, int fanOut, Random random)
    {
        switch (scheme)
        {
            case "GlorotUniform": Initialization.GlorotUniform(weights, fanIn, fanOut, random); break;
            case "GlorotNormal": Initialization.GlorotNormal(weights, fanIn, fanOut, random); break;
            case "HeUniform": Initialization.HeUniform(weights, fanIn, fanOut, random); break;
            case "HeNormal": Initialization.HeNormal(weights, fanIn, fanOut, random); break;
            default: throw new ArgumentException(scheme);
        }
    }

    private static double ExpectedVariance(string scheme, int fanIn, int fanOut) =>
        scheme.StartsWith("Glorot", StringComparison.Ordinal) ? 2.0 / (fanIn + fanOut) : 2.0 / fanIn;

    [Theory]
    [MemberData(nameof(Schemes))]
    public void VarianceAndMeanMatchThePaper(string scheme)
    {
        var weights = new double[FanIn * FanOut];
        Initialise(scheme, weights, FanIn, FanOut, new Random(2024));
        double mean = weights.Average();
        double variance = weights.Sum(w => (w - mean) * (w - mean)) / (weights.Length - 1);
        double expected = ExpectedVariance(scheme, FanIn, FanOut);
        Assert.InRange(variance / expected, 0.97, 1.03);
        Assert.InRange(Math.Abs(mean), 0, 4 * Math.Sqrt(expected / weights.Length));
    }

    [Theory]
    [InlineData("GlorotUniform")]
    [InlineData("HeUniform")]
    public void UniformStaysInsideItsBound(string scheme)
    {
        var weights = new double[FanIn * FanOut];
        Initialise(scheme, weights, FanIn, FanOut, new Random(1));
        double bound = Math.Sqrt(3 * ExpectedVariance(scheme, FanIn, FanOut));
        Assert.All(weights, w => Assert.InRange(w, -bound, bound));
        Assert.True(weights.Max() > 0.99 * bound && weights.Min() < -0.99 * bound, "the draws fill the interval");
    }

    [Theory]
    [InlineData("GlorotNormal")]
    [InlineData("HeNormal")]
    public void NormalHasTheNormalsShape(string scheme)
    {
        var weights = new double[FanIn * FanOut];
        Initialise(scheme, weights, FanIn, FanOut, new Random(3));
        double sigma = Math.Sqrt(ExpectedVariance(scheme, FanIn, FanOut));
        double withinOne = weights.Count(w => Math.Abs(w) <= sigma) / (double)weights.Length;
        Assert.InRange(withinOne, 0.6827 - 0.01, 0.6827 + 0.01);
    }

    [Theory]
    [MemberData(nameof(Schemes))]
    public void SameSeedSameWeightsAndOnlyTheSliceIsWritten(string scheme)
    {
        var a = new double[2 + 7 * 5 + 3];
        var b = new double[a.Length];
        Array.Fill(a, 42.0);
        Initialise(scheme, a.AsSpan(2, 35), 7, 5, new Random(99));
        Initialise(scheme, b.AsSpan(2, 35), 7, 5, new Random(99));
        Assert.Equal(a.AsSpan(2, 35).ToArray(), b.AsSpan(2, 35).ToArray());
        Assert.Equal(new[] { 42.0, 42.0 }, a.Take(2));
        Assert.Equal(new[] { 42.0, 42.0, 42.0 }, a.Skip(37));
        Assert.DoesNotContain(42.0, a.Skip(2).Take(35));

        var c = new double[35];
        Initialise(scheme, c, 7, 5, new Random(100));
        Assert.NotEqual(a.AsSpan(2, 35).ToArray(), c);
    }

    [Fact]
    public void GainScalesTheStandardDeviation()
    {
        double[] unit = new double[20], scaled = new double[20];
        Initialization.GlorotNormal(unit, 4, 5, new Random(8));
        Initialization.GlorotNormal(scaled, 4, 5, new Random(8), gain: 5.0 / 3);
        for (int i = 0; i < 20; i++) Assert.Equal(unit[i] * 5.0 / 3, scaled[i], 14);
    }

    [Fact]
    public void WrongSizesAreRejected()
    {
        var random = new Random(0);
        Assert.Equal("weights", Assert.Throws<ArgumentException>(() => Initialization.GlorotUniform(new double[11], 3, 4, random)).ParamName);
        Assert.Throws<ArgumentOutOfRangeException>(() => Initialization.HeNormal(new double[0], 0, 4, random));
        Assert.Throws<ArgumentOutOfRangeException>(() => Initialization.HeUniform(new double[4], 4, 1, random, gain: 0));
        Assert.Throws<ArgumentNullException>(() => Initialization.GlorotNormal(new double[4], 2, 2, null!));
    }
}
