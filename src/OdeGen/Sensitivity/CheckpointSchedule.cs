using System;
using System.Collections.Generic;

namespace OdeGen;

/// <summary>
/// The breakpoints of an interpolating adjoint: <c>t0</c>, the observation times and the checkpoint times, merged
/// in order. The backward pass integrates between consecutive breakpoints; checkpoint windows are recomputed with
/// dense output one at a time (Griewank &amp; Walther, "Evaluating Derivatives", 2nd ed., Ch. 12, uniform checkpointing).
/// </summary>
internal sealed class CheckpointSchedule
{
    private CheckpointSchedule(double[] points, int[] observation, bool[] checkpoint)
    {
        Points = points;
        Observation = observation;
        IsCheckpoint = checkpoint;
    }

    /// <summary>Breakpoints in increasing order, <c>Points[0] = t0</c>.</summary>
    public double[] Points { get; }

    /// <summary>For each breakpoint, the index of the observation at it, or -1.</summary>
    public int[] Observation { get; }

    /// <summary>Whether a breakpoint starts or ends a checkpoint window (<c>t0</c> and the last point always do).</summary>
    public bool[] IsCheckpoint { get; }

    /// <param name="t0">start time.</param>
    /// <param name="times">observation times, strictly increasing, at or after <paramref name="t0"/>.</param>
    /// <param name="windows">number of equal checkpoint windows over <c>[t0, t_N]</c>; 0 or 1 for a single one.</param>
    public static CheckpointSchedule Build(double t0, double[] times, int windows)
    {
        double tN = times[^1];
        var points = new List<double>(times.Length + Math.Min(windows, 4096) + 1) { t0 };
        var observation = new List<int>(points.Capacity) { -1 };
        var checkpoint = new List<bool>(points.Capacity) { true };
        double width = (tN - t0) / Math.Max(1, windows);
        int nextWindow = 1;
        for (int k = 0; k < times.Length; k++)
        {
            // Checkpoints up to t_k; one that nearly coincides with a breakpoint makes that breakpoint the checkpoint.
            bool observationIsCheckpoint = false;
            while (nextWindow < windows && t0 + nextWindow * width < times[k] + 1e-6 * width)
            {
                double c = t0 + nextWindow * width;
                nextWindow++;
                if (Near(c, points[^1], width)) checkpoint[^1] = true;
                else if (Near(c, times[k], width)) observationIsCheckpoint = true;
                else
                {
                    points.Add(c);
                    observation.Add(-1);
                    checkpoint.Add(true);
                }
            }
            if (times[k] == points[^1])
            {
                observation[^1] = k; // only t_0 = t0 can coincide with an earlier breakpoint
                continue;
            }
            points.Add(times[k]);
            observation.Add(k);
            checkpoint.Add(observationIsCheckpoint);
        }
        checkpoint[^1] = true;
        return new CheckpointSchedule(points.ToArray(), observation.ToArray(), checkpoint.ToArray());

        static bool Near(double a, double b, double width) => Math.Abs(a - b) <= 1e-6 * width;
    }
}
