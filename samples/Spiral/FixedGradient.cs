using System;
using System.Diagnostics;
using System.IO;
using System.Text;
using System.Text.Json;

namespace OdeGen.Samples.Spiral;

/// <summary>
/// <c>--fixed</c>: one gradient of the loss at the fixed configuration of <see cref="MlpParameters.Fixed"/> on the
/// windows starting at samples <c>49k</c>, k = 0..19, for comparing gradients and timings with other
/// implementations; written as one JSON line.
/// </summary>
public static class FixedGradient
{
    /// <summary>Gradient evaluations timed for <c>ms_per_step</c>, after <see cref="WarmUp"/> of untimed ones.</summary>
    public const int TimedRuns = 30;

    /// <summary>
    /// How long to run untimed gradients first (and at least as many as are timed): the runtime compiles the hot
    /// methods again, optimized, only after they have run for a while (tiered compilation), and 30 steps of about
    /// a millisecond end before that.
    /// </summary>
    public static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(1);

    /// <summary>The windows of the fixed configuration.</summary>
    public static int[] Starts()
    {
        var starts = new int[WindowBatch.Size];
        for (int k = 0; k < starts.Length; k++) starts[k] = 49 * k;
        return starts;
    }

    /// <summary>The loss, its gradient and evaluation counts at the fixed configuration, and the median time of
    /// <paramref name="timedRuns"/> gradient evaluations (after the <see cref="WarmUp"/>).</summary>
    public static FixedGradientResult Compute(SensitivityMethod method, int timedRuns = TimedRuns)
    {
        var batch = new WindowBatch(SpiralData.Generate());
        batch.SetStarts(Starts());
        double[] p = MlpParameters.Fixed();
        GradientResult gradient = batch.Gradient(p, method, out double loss);
        double msPerStep = timedRuns > 0 ? MedianMilliseconds(() => batch.Gradient(p, method, out _), timedRuns) : double.NaN;
        return new FixedGradientResult(loss, gradient.P, gradient.ForwardStats.Nfe, gradient.BackwardStats.Nfe, msPerStep);
    }

    /// <summary>The JSON line of <c>--fixed</c>.</summary>
    public static string ToJson(FixedGradientResult result)
    {
        double norm = 0;
        foreach (double g in result.Gradient) norm += g * g;
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream))
        {
            json.WriteStartObject();
            json.WriteNumber("loss", result.Loss);
            json.WriteStartArray("grad_b2");
            json.WriteNumberValue(result.Gradient[SpiralMlp.B2Offset]);
            json.WriteNumberValue(result.Gradient[SpiralMlp.B2Offset + 1]);
            json.WriteEndArray();
            json.WriteNumber("grad_norm", Math.Sqrt(norm));
            json.WriteNumber("fwd_nfe", result.ForwardEvaluations);
            json.WriteNumber("bwd_nfe", result.BackwardEvaluations);
            json.WriteNumber("ms_per_step", Math.Round(result.MillisecondsPerStep, 4));
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>The median wall time of <paramref name="runs"/> runs of forward and backward pass together.</summary>
    private static double MedianMilliseconds(Action step, int runs)
    {
        long warmUpStart = Stopwatch.GetTimestamp();
        for (int i = 0; i < runs || Stopwatch.GetElapsedTime(warmUpStart) < WarmUp; i++) step();
        var times = new double[runs];
        for (int i = 0; i < runs; i++)
        {
            long start = Stopwatch.GetTimestamp();
            step();
            times[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }
        Array.Sort(times);
        return (times[(runs - 1) / 2] + times[runs / 2]) / 2;
    }
}

/// <summary>One fixed-configuration gradient: loss, <c>dL/dp</c>, evaluations of each pass, median milliseconds per step.</summary>
public sealed record FixedGradientResult(double Loss, double[] Gradient, int ForwardEvaluations, int BackwardEvaluations, double MillisecondsPerStep);
