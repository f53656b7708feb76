namespace OdeGen.Training.Tests;

/// <summary>Random vectors and small linear algebra for the tests.</summary>
internal static class TestData
{
    public static double[] RandomVector(Random random, int length, double low = -1, double high = 1) =>
        Enumerable.Range(0, length).Select(_ => low + (high - low) * random.NextDouble()).ToArray();

    public static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        Assert.Equal(a.Length, b.Length);
        double sum = 0;
        for (int i = 0; i < a.Length; i++) sum += a[i] * b[i];
        return sum;
    }

    public static void AssertClose(double expected, double actual, double relative, string what = "")
    {
        double tolerance = relative * Math.Max(1, Math.Abs(expected));
        Assert.True(Math.Abs(expected - actual) <= tolerance, $"{what}: expected {expected:R}, got {actual:R} (tolerance {tolerance:E2})");
    }

    public static void AssertClose(ReadOnlySpan<double> expected, ReadOnlySpan<double> actual, double relative, string what = "")
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++) AssertClose(expected[i], actual[i], relative, $"{what}[{i}]");
    }
}
