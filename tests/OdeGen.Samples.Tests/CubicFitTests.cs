using System.Globalization;
using System.Text.RegularExpressions;

namespace OdeGen.Samples.Tests;

/// <summary>The CubicFit program, briefly: both models train, give finite out-of-sample errors, and the plot is written.</summary>
public class CubicFitTests
{
    [Fact]
    public void A_short_run_prints_both_errors_and_writes_the_plot()
    {
        using var folder = new TemporaryFolder();
        string png = folder.File("cubicfit.png");

        var run = SampleProcess.Run("CubicFit.dll", "--ode-iterations", "30", "--resnet-iterations", "30", "--out", png);

        Assert.True(run.ExitCode == 0, run.Output + run.Error);
        foreach (string model in new[] { "ODE-Net", "ResNet" })
        {
            var match = Regex.Match(run.Output, model + @":.*out-of-sample MSE ([0-9.]+)");
            Assert.True(match.Success, run.Output);
            double mse = double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
            Assert.True(double.IsFinite(mse) && mse > 0, $"{model}: {mse}");
        }
        Assert.Equal((1000, 650), Png.ReadSize(png));
    }

    [Fact]
    public void Bad_arguments_exit_with_2_and_the_usage()
    {
        var run = SampleProcess.Run("CubicFit.dll", "--ode-iterations", "none");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("usage: CubicFit", run.Error);
    }
}
