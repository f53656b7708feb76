using ScottPlot;

namespace OdeGen.Samples.CubicFit;

/// <summary>The comparison figure: training points, the true function and both fits.</summary>
public static class CubicPlot
{
    public static void Save(string path, CubicData data, double[] odeNet, double[] resNet, double odeNetMse, double resNetMse)
    {
        Fonts.Default = "DejaVu Sans";
        var plot = new Plot();
        var truth = plot.Add.ScatterLine(data.TestX, data.TestY, new Color("#1f77b4"));
        truth.LegendText = "h(x) = x³ + 0.1x";
        truth.LineWidth = 2;
        var ode = plot.Add.ScatterLine(data.TestX, odeNet, new Color("#d62728"));
        ode.LegendText = $"ODE-Net (test MSE {odeNetMse:F3})";
        ode.LineWidth = 2;
        var res = plot.Add.ScatterLine(data.TestX, resNet, new Color("#2ca02c"));
        res.LegendText = $"ResNet, {ResNet.Blocks} blocks (test MSE {resNetMse:F3})";
        res.LineWidth = 2;
        res.LinePattern = LinePattern.Dashed;
        var points = plot.Add.ScatterPoints(data.X, data.Y, new Color("#9467bd"));
        points.LegendText = "training data (noise N(0, 1))";
        points.MarkerSize = 9;
        plot.Title("Fitting h(x) = x³ + 0.1x from 10 noisy points: ODE-Net and ResNet, 20 tanh units");
        plot.XLabel("x");
        plot.YLabel("y");
        plot.ShowLegend(Alignment.UpperLeft);
        string? folder = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path));
        if (folder is not null) System.IO.Directory.CreateDirectory(folder);
        plot.SavePng(path, 1000, 650);
    }
}
