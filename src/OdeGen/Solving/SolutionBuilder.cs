using System;
using System.Collections.Generic;

namespace OdeGen;

/// <summary>
/// Collects a solve's output as steps are accepted: states at <see cref="SolverOptions.SaveAt"/> times (from the
/// step's interpolant, never by shortening steps) or at every step end, and optionally every step's interpolant.
/// All buffers for a fixed <c>SaveAt</c> are allocated up front.
/// </summary>
internal sealed class SolutionBuilder
{
    private readonly int _n;
    private readonly double _direction;
    private readonly double[]? _saveAt;
    private readonly DenseForm _form;
    private readonly int _m;
    private double[] _times;
    private double[] _states;
    private int _count;
    private double[]? _coefficients;
    private int _next;

    public SolutionBuilder(int n, double t0, double t1, SolverOptions options, DenseForm form, int coefficientVectors)
    {
        _n = n;
        _direction = t1 >= t0 ? 1.0 : -1.0;
        _form = form;
        _m = coefficientVectors;
        if (options.SaveAt is { } saveAt)
        {
            _saveAt = new double[saveAt.Count];
            for (int i = 0; i < _saveAt.Length; i++) _saveAt[i] = saveAt[i];
            _times = new double[_saveAt.Length];
            _states = new double[_saveAt.Length * n];
        }
        else
        {
            _times = new double[64];
            _states = new double[64 * n];
        }
        if (options.Dense ?? options.SaveAt is null)
        {
            if (options.DenseStorage is { } storage && storage.Form == form && storage.M == coefficientVectors && storage.N == n)
            {
                storage.Clear();
                Dense = storage;
            }
            else
            {
                Dense = new DenseTrajectory(form, coefficientVectors, n);
            }
        }
    }

    /// <summary>Scratch for the current step's interpolant coefficients, made when first needed.</summary>
    public double[] Coefficients => _coefficients ??= new double[_m * _n];

    /// <summary>The kept interpolants, or <c>null</c>.</summary>
    public DenseTrajectory? Dense { get; }

    /// <summary>Records the initial state.</summary>
    public void Start(double t0, ReadOnlySpan<double> y0)
    {
        if (_saveAt is null)
        {
            Append(t0, y0);
            return;
        }
        while (_next < _saveAt.Length && _saveAt[_next] == t0) Save(_next++, y0);
    }

    /// <summary>Whether the step ending at <paramref name="tEnd"/> needs its interpolant built.</summary>
    public bool NeedsDense(double tEnd)
        => Dense is not null || (_saveAt is not null && _next < _saveAt.Length && (_saveAt[_next] - tEnd) * _direction < 0);

    /// <summary>
    /// Records an accepted step from <paramref name="t"/> ending at <paramref name="tEnd"/>
    /// with state <paramref name="y1"/>; <see cref="Coefficients"/> must hold its interpolant when <see cref="NeedsDense"/> said so.
    /// </summary>
    public void Accept(double t, double tEnd, ReadOnlySpan<double> y1)
    {
        Dense?.Add(t, tEnd - t, Coefficients);
        if (_saveAt is null)
        {
            Append(tEnd, y1);
            return;
        }
        double hEff = tEnd - t;
        while (_next < _saveAt.Length && (_saveAt[_next] - tEnd) * _direction < 0)
        {
            double theta = (_saveAt[_next] - t) / hEff;
            _times[_next] = _saveAt[_next];
            DenseOutput.Evaluate(_form, Coefficients, _m, theta, _states.AsSpan(_next * _n, _n));
            _next++;
            _count = _next;
        }
        while (_next < _saveAt.Length && _saveAt[_next] == tEnd) Save(_next++, y1);
    }

    /// <summary>The solution so far.</summary>
    public OdeSolution Build(string solverName, SolverStats stats, double t0, double timeReached)
        => new(solverName, _n, _times, _states, _count, stats, Dense, t0, timeReached);

    private void Save(int index, ReadOnlySpan<double> y)
    {
        _times[index] = _saveAt![index];
        y.CopyTo(_states.AsSpan(index * _n, _n));
        _count = index + 1;
    }

    private void Append(double t, ReadOnlySpan<double> y)
    {
        if (_count == _times.Length)
        {
            Array.Resize(ref _times, 2 * _count);
            Array.Resize(ref _states, 2 * _count * _n);
        }
        _times[_count] = t;
        y.CopyTo(_states.AsSpan(_count * _n, _n));
        _count++;
    }
}
