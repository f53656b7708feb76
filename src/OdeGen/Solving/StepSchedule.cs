using System;
using System.Collections.Generic;

namespace OdeGen;

/// <summary>
/// Where each step of an integration from t0 to t1 ends, shared by the explicit and the Rosenbrock drivers: fixed
/// steps counted from t0 (the last one shorter only when the step does not divide the interval), or the controller's
/// step, stretched by up to 1% onto t1 rather than leaving a tiny last step (Hairer's dopri5.f and rodas.f) and
/// capped at <see cref="SolverOptions.MaxStep"/>, and shortened to end on the next of
/// <see cref="SolverOptions.StepStops"/> it would cross.
/// </summary>
internal struct StepSchedule
{
    private readonly double _t0;
    private readonly double _t1;
    private readonly double _fixedStep;
    private readonly long _fixedCount;
    private long _fixedIndex;
    private readonly IReadOnlyList<double>? _stops;
    private int _nextStop;
    // The controller's step before it was shortened onto a stop, the next step's size if the shortened one passes.
    private double _unshortened;

    public StepSchedule(double t0, double t1, SolverOptions options, bool fixedStep)
    {
        _t0 = t0;
        _t1 = t1;
        Direction = t1 >= t0 ? 1 : -1;
        MaxStep = Math.Min(options.MaxStep ?? Math.Abs(t1 - t0), Math.Abs(t1 - t0));
        IsFixed = fixedStep;
        _fixedStep = fixedStep ? Math.Abs(options.FixedStep!.Value) : 0;
        // Number of steps so that the last one ends at t1.
        _fixedCount = fixedStep ? Math.Max(1, (long)Math.Ceiling(Math.Abs(t1 - t0) / _fixedStep * (1 - 1e-12))) : 0;
        _fixedIndex = 0;
        _stops = fixedStep ? null : options.StepStops;
        _nextStop = _stops is null ? 0 : FirstAfter(_stops, t0, Direction);
        _unshortened = 0;
    }

    /// <summary>The index of the first of the sorted <paramref name="stops"/> beyond <paramref name="t0"/> (binary search).</summary>
    private static int FirstAfter(IReadOnlyList<double> stops, double t0, int direction)
    {
        int lo = 0, hi = stops.Count;
        while (lo < hi)
        {
            int mid = (lo + hi) >> 1;
            if ((stops[mid] - t0) * direction > 0) hi = mid; else lo = mid + 1;
        }
        return lo;
    }

    /// <summary>+1 forwards in time, -1 backwards.</summary>
    public int Direction { get; }

    /// <summary>The largest step allowed, positive.</summary>
    public double MaxStep { get; }

    public bool IsFixed { get; }

    /// <summary>The first step, signed; null when the caller is to estimate it (Hairer's initial step).</summary>
    public double? FirstStep(SolverOptions options) =>
        IsFixed ? Direction * _fixedStep
        : options.InitialStep is { } h0 ? Direction * Math.Min(Math.Abs(h0), MaxStep)
        : null;

    /// <summary>
    /// The step to attempt from <paramref name="t"/>, in <paramref name="h"/> (on entry the controller's proposal),
    /// where it ends, and whether that is t1. False when an adaptive step has become too small to move t.
    /// </summary>
    public bool TryNext(double t, ref double h, out double end, out bool last)
    {
        if (IsFixed)
        {
            last = _fixedIndex + 1 == _fixedCount;
            end = 0;
            // The same test as for adaptive steps, on the step asked for: a fixed step near the spacing of doubles at t
            // would be rounded to 0 or to a multiple of that spacing, silently integrating with other steps than asked.
            if (TooSmall(_fixedStep, t)) return false;
            h = last ? _t1 - t : (_t0 + (_fixedIndex + 1) * Direction * _fixedStep) - t;
            end = last ? _t1 : t + h;
            return true;
        }
        end = t + h;
        last = false;
        _unshortened = 0;
        if (TooSmall(h, t)) return false;
        last = (t + 1.01 * h - _t1) * Direction > 0;
        if (last)
        {
            h = _t1 - t;
            end = _t1;
        }
        if (NextStop(t) is { } stop && (end - stop) * Direction > 0)
        {
            _unshortened = h;
            h = stop - t;
            end = stop;
            last = false;
        }
        return true;
    }

    /// <summary>
    /// The first stop after <paramref name="t"/> and before t1, each by more than rounding (a step onto it must be able
    /// to move t, and one from it must be able to reach t1); null when there is none.
    /// </summary>
    private double? NextStop(double t)
    {
        if (_stops is null) return null;
        while (_nextStop < _stops.Count && ((_stops[_nextStop] - t) * Direction <= 0 || TooSmall(_stops[_nextStop] - t, t)))
            _nextStop++;
        if (_nextStop == _stops.Count) return null;
        double stop = _stops[_nextStop];
        return (_t1 - stop) * Direction > 0 && !TooSmall(_t1 - stop, stop) ? stop : null;
    }

    /// <summary>A step that cannot move t reliably: a tenth of it is within double rounding of t (Hairer's dopri5.f test).</summary>
    private static bool TooSmall(double h, double t) =>
        0.1 * Math.Abs(h) <= Math.Abs(t) * 2.220446049250313e-16 || Math.Abs(h) < double.Epsilon * 1e10;

    /// <summary>Why <see cref="TryNext"/> refused, for the failure's message.</summary>
    public readonly string TooSmallMessage(string solver, double t, double h) => IsFixed
        ? $"{solver}: FixedStep {_fixedStep} is too small to move t = {t}: doubles there are {Math.BitIncrement(Math.Abs(t)) - Math.Abs(t)} apart, so steps would be rounded to 0 or to multiples of that. Use a step of more than {10 * Math.Abs(t) * 2.220446049250313e-16:G3}, or measure time from a nearer origin."
        : $"{solver}: step size {h} too small at t = {t}.";

    /// <summary>A step was accepted: the next fixed step, or the controller's <paramref name="proposed"/> step capped.</summary>
    public void Accepted(ref double h, double proposed)
    {
        _fixedIndex++;
        if (IsFixed) return;
        // A step shortened onto a stop says little about the step the solution allows: resume the longer of the two.
        if (Math.Abs(_unshortened) > Math.Abs(proposed)) proposed = _unshortened;
        h = Math.Abs(proposed) > MaxStep ? Direction * MaxStep : proposed;
    }
}
