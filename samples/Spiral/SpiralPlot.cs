using System;
using System.Collections.Generic;
using ScottPlot;

namespace OdeGen.Samples.Spiral;

/// <summary>
/// The picture of the result: the true and learned trajectories against time, the phase portrait, and the training
/// loss. Headless (ScottPlot renders with SkiaSharp, no display needed).
/// </summary>
public static class SpiralPlot
{
    private static readonly Color X = new("#1f77b4"), Y = new("#ff7f0e"), Learned = new("#d62728"), True = new("#2ca02c");

    public static void Save(string path, SpiralData data, double[]? learned, IReadOnlyList<double> losses,
                            IReadOnlyList<(int Iteration, double Loss)> trajectoryLosses)
    {
        Fonts.Default = "DejaVu Sans";
        var figure = new Multiplot();
        figure.AddPlots(3);
        figure.Layout = new ScottPlot.MultiplotLayouts.Columns();
        Trajectories(figure.GetPlot(0), data, learned);
        Phase(figure.GetPlot(1), data, learned);
        Loss(figure.GetPlot(2), losses, trajectoryLosses);
        string? folder = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path));
        if (folder is not null) System.IO.Directory.CreateDirectory(folder);
        figure.SavePng(path, 1800, 560);
    }

    private static void Trajectories(Plot plot, SpiralData data, double[]? learned)
    {
        double[] t = data.Times;
        var (x, y) = Components(data, null);
        Line(plot, t, x, X, "x, true", dashed: false);
        Line(plot, t, y, Y, "y, true", dashed: false);
        if (learned is not null)
        {
            var (lx, ly) = Components(data, learned);
            Line(plot, t, lx, X, "x, learned", dashed: true);
            Line(plot, t, ly, Y, "y, learned", dashed: true);
        }
        plot.Title("Trajectories");
        plot.XLabel("t");
        plot.YLabel("x, y");
        plot.ShowLegend(Alignment.UpperRight);
    }

    private static void Phase(Plot plot, SpiralData data, double[]? learned)
    {
        var (x, y) = Components(data, null);
        Line(plot, x, y, True, "true", dashed: false);
        if (learned is not null)
        {
            var (lx, ly) = Components(data, learned);
            Line(plot, lx, ly, Learned, "learned", dashed: true);
        }
        var start = plot.Add.Marker(x[0], y[0], MarkerShape.FilledCircle, 9, Color.FromHex("#000000"));
        start.LegendText = "y0 = (2, 0)";
        plot.Title("Phase portrait");
        plot.XLabel("x");
        plot.YLabel("y");
        plot.Axes.SquareUnits();
        plot.ShowLegend(Alignment.UpperRight);
    }

    /// <summary>
    /// The batch loss (a running mean: single batches are noisy) on the left axis and the whole trajectory's loss,
    /// an order of magnitude larger because errors grow over [0, 25], on the right.
    /// </summary>
    private static void Loss(Plot plot, IReadOnlyList<double> losses, IReadOnlyList<(int Iteration, double Loss)> trajectoryLosses)
    {
        int window = Math.Clamp(losses.Count / 40, 1, 50);
        var iterations = new double[losses.Count];
        var smoothed = new double[losses.Count];
        double sum = 0;
        for (int i = 0; i < losses.Count; i++)
        {
            sum += losses[i];
            if (i >= window) sum -= losses[i - window];
            iterations[i] = i + 1;
            smoothed[i] = sum / Math.Min(i + 1, window);
        }
        Line(plot, iterations, smoothed, X, $"batch loss, mean of {window} (left)", dashed: false);

        var checkpoints = new double[trajectoryLosses.Count];
        var totals = new double[trajectoryLosses.Count];
        for (int i = 0; i < trajectoryLosses.Count; i++) (checkpoints[i], totals[i]) = (trajectoryLosses[i].Iteration, trajectoryLosses[i].Loss);
        var whole = plot.Add.Scatter(checkpoints, totals, Learned);
        whole.LegendText = "whole trajectory loss (right)";
        whole.LineWidth = 2;
        whole.MarkerSize = 6;
        whole.Axes.YAxis = plot.Axes.Right;

        plot.Title("Training loss, mean |pred − true|");
        plot.XLabel("iteration");
        plot.Axes.Left.Label.Text = "batch of 20 windows";
        plot.Axes.Right.Label.Text = "whole trajectory, t in [0, 25]";
        plot.Axes.SetLimitsY(0, AxisMax(smoothed), plot.Axes.Left);
        plot.Axes.SetLimitsY(0, AxisMax(totals), plot.Axes.Right);
        plot.ShowLegend(Alignment.UpperRight);
    }

    private static ScottPlot.Plottables.Scatter Line(Plot plot, double[] xs, double[] ys, Color color, string label, bool dashed)
    {
        var line = plot.Add.ScatterLine(xs, ys, color);
        line.LegendText = label;
        line.LineWidth = 2;
        if (dashed) line.LinePattern = LinePattern.Dashed;
        return line;
    }

    private static (double[] X, double[] Y) Components(SpiralData data, double[]? states)
    {
        var x = new double[SpiralData.Points];
        var y = new double[SpiralData.Points];
        for (int i = 0; i < SpiralData.Points; i++)
        {
            ReadOnlySpan<double> s = states is null ? data.State(i) : states.AsSpan(2 * i, 2);
            x[i] = s[0];
            y[i] = s[1];
        }
        return (x, y);
    }

    private static double AxisMax(double[] values)
    {
        double max = 0;
        foreach (double v in values) if (double.IsFinite(v)) max = Math.Max(max, v);
        return max > 0 ? 1.05 * max : 1;
    }
}
