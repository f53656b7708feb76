using System;
using System.Collections.Generic;
using System.Linq;
using OdeGen.Flows;
using ScottPlot;

namespace OdeGen.Samples.Flow;

/// <summary>
/// The picture in the style of the seed's figure 2: the target, then the learned density at times from the base
/// Gaussian (t = T) to the data (t = 0); below, samples at the same times, pushed through the flow from normal draws;
/// and the training curve. Headless (ScottPlot renders with SkiaSharp).
/// </summary>
public static class FlowPlot
{
    private const int Grid = 60;
    private static readonly Color Dots = new("#1f3b73");

    public static void Save(string path, ContinuousNormalizingFlow<FlowMlp.DynamicsSystem> flow, PointData data, double[] p,
                            IReadOnlyList<FlowStep> history, Random random)
    {
        Fonts.Default = "DejaVu Sans";
        double[] times = [flow.EndTime, 2 * flow.EndTime / 3, flow.EndTime / 3, 0.0];
        var (left, right, bottom, top) = Bounds(data);
        var figure = new Multiplot();
        figure.AddPlots(10);
        figure.Layout = new ScottPlot.MultiplotLayouts.Grid(rows: 2, columns: 5);

        Density(figure.GetPlot(0), "target", TargetDensity(data, left, right, bottom, top), left, right, bottom, top);
        for (int k = 0; k < times.Length; k++)
            Density(figure.GetPlot(1 + k), $"density at t = {times[k]:0.##}", LearnedDensity(flow, data, p, times[k], left, right, bottom, top), left, right, bottom, top);

        Scatter(figure.GetPlot(5), "training points", data.Train.AsSpan(0, Math.Min(data.Train.Length, 4000)).ToArray(), left, right, bottom, top);
        var samples = flow.Sample(2000, p, random, times);
        for (int k = 0; k < times.Length; k++)
            Scatter(figure.GetPlot(6 + k), $"samples at t = {times[k]:0.##}", data.Unstandardize(samples.AsSpan(k * 4000, 4000)), left, right, bottom, top);
        string? folder = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path));
        if (folder is not null) System.IO.Directory.CreateDirectory(folder);
        figure.SavePng(path, 2000, 820);
        SaveTraining(System.IO.Path.ChangeExtension(path, null) + "-training.png", history, data);
    }

    private static (double Left, double Right, double Bottom, double Top) Bounds(PointData data)
    {
        double Quantile(int axis, double q)
        {
            var values = Enumerable.Range(0, data.Train.Length / 2).Select(k => data.Train[2 * k + axis]).OrderBy(v => v).ToArray();
            return values[(int)(q * (values.Length - 1))];
        }
        double x0 = Quantile(0, 0.001), x1 = Quantile(0, 0.999), y0 = Quantile(1, 0.001), y1 = Quantile(1, 0.999);
        double mx = 0.1 * (x1 - x0), my = 0.1 * (y1 - y0);
        return (x0 - mx, x1 + mx, y0 - my, y1 + my);
    }

    /// <summary>The grid's cell centres, row 0 at the top.</summary>
    private static double[] Cells(double left, double right, double bottom, double top)
    {
        var points = new double[2 * Grid * Grid];
        for (int r = 0; r < Grid; r++)
            for (int c = 0; c < Grid; c++)
            {
                points[2 * (r * Grid + c)] = left + (c + 0.5) * (right - left) / Grid;
                points[2 * (r * Grid + c) + 1] = top - (r + 0.5) * (top - bottom) / Grid;
            }
        return points;
    }

    private static double[,] TargetDensity(PointData data, double left, double right, double bottom, double top)
    {
        var density = new double[Grid, Grid];
        if (data.Entropy is not null)
        {
            var cells = Cells(left, right, bottom, top);
            for (int r = 0; r < Grid; r++)
                for (int c = 0; c < Grid; c++) density[r, c] = SwedishFlag.Density(cells[2 * (r * Grid + c)], cells[2 * (r * Grid + c) + 1]);
            return density;
        }
        // Points given as data: their histogram on the grid.
        for (int k = 0; k < data.Train.Length / 2; k++)
        {
            int c = (int)((data.Train[2 * k] - left) / (right - left) * Grid), r = (int)((top - data.Train[2 * k + 1]) / (top - bottom) * Grid);
            if (r >= 0 && r < Grid && c >= 0 && c < Grid) density[r, c] += 1;
        }
        return density;
    }

    /// <summary>The flow's density at time t on the grid, in the data's units.</summary>
    private static double[,] LearnedDensity(ContinuousNormalizingFlow<FlowMlp.DynamicsSystem> flow, PointData data, double[] p, double t,
        double left, double right, double bottom, double top)
    {
        var logDensity = flow.LogDensity(data.Standardize(Cells(left, right, bottom, top)), p, t);
        var density = new double[Grid, Grid];
        for (int r = 0; r < Grid; r++)
            for (int c = 0; c < Grid; c++) density[r, c] = Math.Exp(logDensity[r * Grid + c] - data.LogScale);
        return density;
    }

    private static void Density(Plot plot, string title, double[,] density, double left, double right, double bottom, double top)
    {
        var heatmap = plot.Add.Heatmap(density);
        heatmap.Colormap = new ScottPlot.Colormaps.Viridis();
        heatmap.Extent = new CoordinateRect(left, right, bottom, top);
        Frame(plot, title, left, right, bottom, top);
    }

    private static void Scatter(Plot plot, string title, double[] points, double left, double right, double bottom, double top)
    {
        var xs = Enumerable.Range(0, points.Length / 2).Select(k => points[2 * k]).ToArray();
        var ys = Enumerable.Range(0, points.Length / 2).Select(k => points[2 * k + 1]).ToArray();
        var markers = plot.Add.Markers(xs, ys, MarkerShape.FilledCircle, 2, Dots);
        Frame(plot, title, left, right, bottom, top);
    }

    private static void Frame(Plot plot, string title, double left, double right, double bottom, double top)
    {
        plot.Title(title);
        plot.Axes.SetLimits(left, right, bottom, top);
    }

    private static void SaveTraining(string path, IReadOnlyList<FlowStep> history, PointData data)
    {
        var plot = new Plot();
        var xs = history.Select(s => (double)s.Iteration).ToArray();
        var ys = history.Select(s => s.Loss).ToArray();
        var line = plot.Add.ScatterLine(xs, ys);
        line.LegendText = "batch NLL";
        if (data.Entropy is { } entropy)
        {
            var floor = plot.Add.HorizontalLine(entropy);
            floor.LegendText = "entropy of the target";
            floor.LinePattern = LinePattern.Dashed;
        }
        var baseline = plot.Add.HorizontalLine(data.GaussianBaseline());
        baseline.LegendText = "fitted Gaussian (test)";
        baseline.LinePattern = LinePattern.Dotted;
        plot.Title("Training");
        plot.XLabel("iteration");
        plot.YLabel("negative log-likelihood (nats)");
        plot.ShowLegend(Alignment.UpperRight);
        plot.SavePng(path, 900, 500);
    }
}
