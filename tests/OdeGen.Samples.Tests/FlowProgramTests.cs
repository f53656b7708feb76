using System.Globalization;
using System.IO;
using System.Text.RegularExpressions;

namespace OdeGen.Samples.Tests;

/// <summary>The Flow program, briefly: it learns from CSV points, closes with the test NLL line, and writes both pictures.</summary>
public class FlowProgramTests
{
    [Fact]
    public void A_short_run_on_csv_points_prints_the_test_nll_and_writes_the_pictures()
    {
        using var folder = new TemporaryFolder();
        var random = new Random(1);
        // Two blobs, so that a flow has something to learn beyond a Gaussian.
        string Points(int count) => string.Join("\n", Enumerable.Range(0, count).Select(i =>
        {
            double centre = i % 2 == 0 ? -1.5 : 1.5;
            return string.Create(CultureInfo.InvariantCulture, $"{centre + 0.3 * (random.NextDouble() - 0.5)},{0.3 * (random.NextDouble() - 0.5)}");
        }));
        string train = folder.File("train.csv"), test = folder.File("test.csv"), png = folder.File("flow.png");
        File.WriteAllText(train, Points(200));
        File.WriteAllText(test, Points(50));

        var run = SampleProcess.Run("Flow.dll", "--train", train, "--test", test, "--iterations", "3", "--batch", "16", "--tol", "1e-3", "--out", png);

        Assert.True(run.ExitCode == 0, run.Output + run.Error);
        var match = Regex.Match(run.Output, @"test NLL (-?[0-9.]+) nats\s*$");
        Assert.True(match.Success, run.Output);
        Assert.True(double.IsFinite(double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture)));
        Assert.Equal((2000, 820), Png.ReadSize(png));
        Assert.Equal((900, 500), Png.ReadSize(folder.File("flow-training.png")));
    }

    [Fact]
    public void A_malformed_csv_line_is_named_and_the_usage_shown()
    {
        using var folder = new TemporaryFolder();
        string train = folder.File("train.csv");
        File.WriteAllText(train, "0.1,0.2\n0.3;0.4\n");

        var run = SampleProcess.Run("Flow.dll", "--train", train, "--test", train);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("line 2", run.Error);
        Assert.Contains("usage: Flow", run.Error);
    }

    [Fact]
    public void Train_without_test_is_refused() =>
        Assert.Contains("--train and --test go together", SampleProcess.Run("Flow.dll", "--train", "a.csv").Error);

    [Fact]
    public void Another_width_is_refused_with_the_build_property_that_makes_it()
    {
        var run = SampleProcess.Run("Flow.dll", "--width", "64");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("-p:FlowWidth=64", run.Error);
    }
}
