using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace OdeGen.Samples.Tests;

/// <summary>The Spiral program as a user runs it, with output redirected (Spectre falls back to plain lines).</summary>
public class SpiralProgramTests
{
    [Fact]
    public void A_short_training_run_lowers_the_loss_and_writes_the_plot()
    {
        using var folder = new TemporaryFolder();
        string png = folder.File("figures/spiral.png");   // a folder that does not exist yet

        var run = SampleProcess.Run("Spiral.dll", "--iterations", "20", "--out", png, "--seed", "1");

        Assert.True(run.ExitCode == 0, run.Output + run.Error);
        var match = Regex.Match(run.Output, @"trajectory loss: initial ([0-9.]+), final ([0-9.]+)");
        Assert.True(match.Success, run.Output);
        double initial = double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        double final = double.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture);
        Assert.True(final < initial, $"trajectory loss went from {initial} to {final}");
        Assert.Matches(@"iter +20 +batch [0-9.]+ +trajectory [0-9.]+ +nfe +\d+\+\d+", run.Output);
        Assert.Equal((1800, 560), Png.ReadSize(png));
    }

    [Fact]
    public void Fixed_prints_one_json_line_with_the_fields()
    {
        var run = SampleProcess.Run("Spiral.dll", "--fixed");

        Assert.True(run.ExitCode == 0, run.Output + run.Error);
        string line = Assert.Single(run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        using var json = JsonDocument.Parse(line);
        var root = json.RootElement;
        Assert.Equal(["loss", "grad_b2", "grad_norm", "fwd_nfe", "bwd_nfe", "ms_per_step"], root.EnumerateObject().Select(p => p.Name));
        Assert.InRange(root.GetProperty("loss").GetDouble(), 0.01, 1);
        Assert.Equal(2, root.GetProperty("grad_b2").GetArrayLength());
        Assert.True(root.GetProperty("grad_norm").GetDouble() > 0);
        Assert.True(root.GetProperty("fwd_nfe").GetInt32() > 0);
        Assert.True(root.GetProperty("bwd_nfe").GetInt32() > 0);
        Assert.True(root.GetProperty("ms_per_step").GetDouble() > 0);
    }

    [Theory]
    [InlineData("--method", "euler")]
    [InlineData("--iterations", "0")]
    [InlineData("--bogus")]
    public void Bad_arguments_exit_with_2_and_the_usage(params string[] args)
    {
        var run = SampleProcess.Run("Spiral.dll", args);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("usage: Spiral", run.Error);
    }
}
