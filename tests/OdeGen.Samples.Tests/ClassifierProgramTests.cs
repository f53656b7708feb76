using System.IO;
using System.Text.RegularExpressions;

namespace OdeGen.Samples.Tests;

/// <summary>The Classifier program as a user runs it, on a tiny synthetic MNIST-format set.</summary>
public class ClassifierProgramTests
{
    [Fact]
    public void A_short_run_prints_the_table_and_the_evaluations_and_writes_both_figures()
    {
        using var folder = new TemporaryFolder();
        SyntheticImages.Write(folder.Path, trainCount: 16, testCount: 8);
        string figures = folder.File("figures");

        var run = SampleProcess.Run("Classifier.dll", "--data", folder.Path, "--epochs", "2", "--batch", "8",
                                    "--test-size", "8", "--out", figures, "--seed", "1");

        Assert.True(run.ExitCode == 0, run.Output + run.Error);
        Assert.Contains("16 training and 8 test images", run.Output);
        Assert.Contains("| model | test error % | parameters | peak memory MB | train time s |", run.Output);
        foreach (string model in new[] { "ResNet", "RK-Net", "ODE-Net" })
        {
            Assert.Matches($@"(?m)^\| {model} \| [0-9.]+ \| \d+ \| [0-9.]+ \| [0-9.]+ \|$", run.Output);
            Assert.Matches($@"{model} +epoch +2 lr [0-9.eE-]+ loss [0-9.]+ \|g\| [0-9.]+ test error [0-9.]+% nfe \d+\+\d+", run.Output);
        }
        var nfe = Regex.Match(run.Output, @"ODE-Net function evaluations per pass: forward ([0-9.]+), backward ([0-9.]+)");
        Assert.True(nfe.Success, run.Output);
        Assert.True(double.Parse(nfe.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) > 0);
        Assert.Equal((900, 560), Png.ReadSize(Path.Combine(figures, "classifier-test-error.png")));
        Assert.Equal((900, 560), Png.ReadSize(Path.Combine(figures, "classifier-odenet-evaluations.png")));
    }

    [Fact]
    public void Missing_data_says_how_to_get_it()
    {
        using var folder = new TemporaryFolder();

        var run = SampleProcess.Run("Classifier.dll", "--data", folder.File("nothing"));

        Assert.Equal(3, run.ExitCode);
        Assert.Contains("train-images-idx3-ubyte", run.Error);
        Assert.Contains("apt-get install dataset-fashion-mnist", run.Error);
        Assert.Contains("--data", run.Error);
    }

    [Fact]
    public void A_truncated_file_is_named()
    {
        using var folder = new TemporaryFolder();
        SyntheticImages.Write(folder.Path, trainCount: 8, testCount: 4);
        var (images, _) = SyntheticImages.Bytes(4, new Random(2));
        string path = Path.Combine(folder.Path, "t10k-images-idx3-ubyte.gz");
        SyntheticImages.Gzip(path, images[..^100]);

        var run = SampleProcess.Run("Classifier.dll", "--data", folder.Path);

        Assert.Equal(3, run.ExitCode);
        Assert.Contains(path, run.Error);
        Assert.Contains("truncated", run.Error);
    }

    [Fact]
    public void Another_width_says_which_build_has_it()
    {
        var run = SampleProcess.Run("Classifier.dll", "--width", "64");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("-p:ClassifierChannels=64", run.Error);
    }

    [Theory]
    [InlineData("--width", "64")]
    [InlineData("--epochs", "0")]
    [InlineData("--models", "VGG")]
    [InlineData("--schedule", "exponential")]
    [InlineData("--bogus")]
    public void Bad_arguments_exit_with_2_and_the_usage(params string[] args)
    {
        var run = SampleProcess.Run("Classifier.dll", args);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("usage: Classifier", run.Error);
    }
}
