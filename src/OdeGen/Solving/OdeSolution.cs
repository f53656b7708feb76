using System;
using System.Collections.Generic;

namespace OdeGen;

/// <summary>
/// The result of a solve: the reported times and states, the work statistics and, where kept, the dense
/// output of every step.
/// </summary>
public sealed class OdeSolution
{
    private readonly double[] _times;
    private readonly double[] _states;
    private readonly DenseTrajectory? _dense;

    internal OdeSolution(string solverName, int stateSize, double[] times, double[] states, int count,
        SolverStats stats, DenseTrajectory? dense, double t0, double timeReached)
    {
        SolverName = solverName;
        StateSize = stateSize;
        _times = times;
        _states = states;
        Count = count;
        Stats = stats;
        _dense = dense;
        T0 = t0;
        TimeReached = timeReached;
        Times = new ArraySegment<double>(times, 0, count);
    }

    /// <summary>Name of the solver that produced this solution.</summary>
    public string SolverName { get; }

    /// <summary>Length of each state.</summary>
    public int StateSize { get; }

    /// <summary>Number of reported times.</summary>
    public int Count { get; }

    /// <summary>The reported times: <see cref="SolverOptions.SaveAt"/>, or <c>t0</c> and the end of every accepted step.</summary>
    public IReadOnlyList<double> Times { get; }

    /// <summary>Work statistics.</summary>
    public SolverStats Stats { get; }

    /// <summary>Start time.</summary>
    public double T0 { get; }

    /// <summary>Time reached: <c>t1</c> for a complete solve, earlier for a partial one.</summary>
    public double TimeReached { get; }

    /// <summary>Whether <see cref="Interpolate"/> can evaluate anywhere in <c>[t0, TimeReached]</c> (see <see cref="SolverOptions.Dense"/>).</summary>
    public bool HasDenseOutput => _dense is not null && _dense.Count > 0;

    /// <summary>Number of accepted steps whose interpolants are kept (0 without dense output).</summary>
    public int StepCount => _dense?.Count ?? 0;

    /// <summary>The per-step dense output and step sequence, for gradient methods.</summary>
    internal DenseTrajectory? Dense => _dense;

    /// <summary>The state at <c>Times[k]</c>.</summary>
    public ReadOnlySpan<double> State(int k)
    {
        if ((uint)k >= (uint)Count) throw new ArgumentOutOfRangeException(nameof(k), $"k = {k} is outside 0..{Count - 1}.");
        return _states.AsSpan(k * StateSize, StateSize);
    }

    /// <summary>
    /// Writes the state at time <paramref name="t"/> (between <c>t0</c> and <see cref="TimeReached"/>) into
    /// <paramref name="y"/>, from the interpolant of the step containing <paramref name="t"/>. Without dense output
    /// only the reported times can be asked for.
    /// </summary>
    public void Interpolate(double t, Span<double> y)
    {
        if (y.Length != StateSize) throw new ArgumentException($"y has length {y.Length}, expected {StateSize}.", nameof(y));
        if (!double.IsFinite(t)) throw new ArgumentException("t must be finite.", nameof(t));
        double lo = Math.Min(T0, TimeReached), hi = Math.Max(T0, TimeReached);
        if (t < lo || t > hi) throw new ArgumentOutOfRangeException(nameof(t), $"t = {t} is outside the solved interval [{lo}, {hi}].");
        if (_dense is not null && _dense.Count > 0)
        {
            _dense.Evaluate(_dense.Find(t), t, y);
            return;
        }
        for (int k = 0; k < Count; k++)
        {
            if (_times[k] == t)
            {
                State(k).CopyTo(y);
                return;
            }
        }
        throw new InvalidOperationException(
            "This solution kept no dense output (SaveAt was given); solve with SolverOptions.Dense = true to interpolate between the reported times.");
    }
}
