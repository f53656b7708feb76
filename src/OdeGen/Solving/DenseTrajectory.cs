using System;

namespace OdeGen;

/// <summary>
/// Every accepted step's start time, signed step size and interpolant coefficients, in integration order:
/// the per-step dense output of a solve and its exact step sequence (what an interpolating or discrete adjoint
/// replays). Storage grows by doubling, so appending does not allocate per step on average.
/// </summary>
internal sealed class DenseTrajectory
{
    private double[] _starts;
    private double[] _steps;
    private double[] _coefficients;

    public DenseTrajectory(DenseForm form, int coefficientVectors, int n, int capacity = 16)
    {
        Form = form;
        M = coefficientVectors;
        N = n;
        _starts = new double[capacity];
        _steps = new double[capacity];
        _coefficients = new double[capacity * M * N];
    }

    /// <summary>How each step's coefficients combine.</summary>
    public DenseForm Form { get; }

    /// <summary>Coefficient vectors per step.</summary>
    public int M { get; }

    /// <summary>State size.</summary>
    public int N { get; }

    /// <summary>Number of steps stored.</summary>
    public int Count { get; private set; }

    /// <summary>Start time of step <paramref name="i"/>.</summary>
    public double StepStart(int i) => _starts[i];

    /// <summary>Signed size of step <paramref name="i"/>.</summary>
    public double StepSize(int i) => _steps[i];

    /// <summary>End time of step <paramref name="i"/>.</summary>
    public double StepEnd(int i) => i + 1 < Count ? _starts[i + 1] : _starts[i] + _steps[i];

    /// <summary>The interpolant coefficients of step <paramref name="i"/>.</summary>
    public ReadOnlySpan<double> Coefficients(int i) => _coefficients.AsSpan(i * M * N, M * N);

    /// <summary>
    /// The state at the start of step <paramref name="i"/>: every interpolant form stores <c>y0</c> as its first
    /// coefficient vector, so a discrete adjoint can restart the step from here and replay its stages.
    /// </summary>
    public ReadOnlySpan<double> StepStartState(int i) => _coefficients.AsSpan(i * M * N, N);

    /// <summary>Forgets every step but keeps the storage, so a caller solving window after window reuses one buffer.</summary>
    public void Clear() => Count = 0;

    /// <summary>Appends a step.</summary>
    public void Add(double start, double h, ReadOnlySpan<double> coefficients)
    {
        if (Count == _starts.Length)
        {
            int capacity = 2 * Count;
            Array.Resize(ref _starts, capacity);
            Array.Resize(ref _steps, capacity);
            Array.Resize(ref _coefficients, capacity * M * N);
        }
        _starts[Count] = start;
        _steps[Count] = h;
        coefficients.Slice(0, M * N).CopyTo(_coefficients.AsSpan(Count * M * N));
        Count++;
    }

    /// <summary>The step whose interval contains <paramref name="t"/> (binary search; the last step for its end point).</summary>
    public int Find(double t)
    {
        int lo = 0, hi = Count - 1;
        double dir = Count > 0 && _steps[0] < 0 ? -1.0 : 1.0;
        while (lo < hi)
        {
            int mid = (lo + hi + 1) >> 1;
            if ((t - _starts[mid]) * dir >= 0) lo = mid; else hi = mid - 1;
        }
        return lo;
    }

    /// <summary>Evaluates step <paramref name="i"/>'s interpolant at <paramref name="t"/>.</summary>
    public void Evaluate(int i, double t, Span<double> y)
    {
        double theta = (t - _starts[i]) / _steps[i];
        DenseOutput.Evaluate(Form, Coefficients(i), M, theta, y);
    }
}
