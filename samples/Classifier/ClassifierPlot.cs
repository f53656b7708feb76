using System;
using System.Collections.Generic;
using System.IO;
using ScottPlot;

namespace OdeGen.Samples.Classifier;

/// <summary>The two figures: test error against epoch for the three models, and the ODE-Net's evaluations per batch.</summary>
public static class ClassifierPlot
{
    private static readonly Color[] Colors = [new("#1f77b4"), new("#ff7f0e"), new("#2ca02c")];

    /// <summary>Test error (%) after each epoch, one line per model.</summary>
    public static void SaveTestError(string path, IReadOnlyList<ModelRun> runs)
    {
        Fonts.Default = "DejaVu Sans";
        var plot = new Plot();
        for (int r = 0; r < runs.Count; r++)
        {
            var errors = runs[r].TestErrors;
            var epochs = new double[errors.Count];
            for (int e = 0; e < epochs.Length; e++) epochs[e] = e + 1;
            var line = plot.Add.Scatter(epochs, errors.ToArray(), Colors[r % Colors.Length]);
            line.LegendText = runs[r].Name;
            line.LineWidth = 2;
            line.MarkerSize = 7;
        }
        double top = 0;
        foreach (var run in runs) foreach (double e in run.TestErrors) if (double.IsFinite(e)) top = Math.Max(top, e);
        plot.Axes.SetLimitsY(0, top > 0 ? 1.1 * top : 100);
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { IntegerTicksOnly = true };
        plot.Title("Test error");
        plot.XLabel("epoch");
        plot.YLabel("test error %");
        plot.ShowLegend(Alignment.UpperRight);
        Save(plot, path);
    }

    /// <summary>The block's function evaluations in each training batch's forward and backward pass.</summary>
    public static void SaveEvaluations(string path, ModelRun run)
    {
        Fonts.Default = "DejaVu Sans";
        var plot = new Plot();
        int n = run.BatchEvaluations.Count;
        var batch = new double[n];
        var forward = new double[n];
        var backward = new double[n];
        for (int i = 0; i < n; i++) (batch[i], forward[i], backward[i]) = (i + 1, run.BatchEvaluations[i].Forward, run.BatchEvaluations[i].Backward);
        var f = plot.Add.ScatterLine(batch, forward, Colors[0]);
        f.LegendText = "forward";
        f.LineWidth = 2;
        var b = plot.Add.ScatterLine(batch, backward, Colors[1]);
        b.LegendText = "backward";
        b.LineWidth = 2;
        plot.Title($"{run.Name}: function evaluations per training batch");
        plot.XLabel("batch");
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { IntegerTicksOnly = true };
        plot.YLabel("evaluations");
        plot.Axes.SetLimitsY(0, 1.05 * Math.Max(1, Max(backward, forward)));
        plot.ShowLegend(Alignment.UpperLeft);
        Save(plot, path);
    }

    private static double Max(double[] a, double[] b)
    {
        double max = 0;
        foreach (double v in a) max = Math.Max(max, v);
        foreach (double v in b) max = Math.Max(max, v);
        return max;
    }

    private static void Save(Plot plot, string path)
    {
        string? folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (folder is not null) Directory.CreateDirectory(folder);
        plot.SavePng(path, 900, 560);
    }
}
