using System;

namespace OdeGen.Samples.Spiral;

/// <summary>
/// The training data: the true spiral <see cref="TrueSpiral"/> from <c>y0 = [2, 0]</c> sampled at
/// <see cref="Points"/> evenly spaced times on <c>[0, 25]</c>, solved with Dopri5 at rtol 1e-7, atol 1e-9
/// (torchdiffeq's defaults, which its demo uses).
/// </summary>
public sealed class SpiralData
{
    public const int Points = 1000;
    public const double EndTime = 25;
    public const double RelTol = 1e-7, AbsTol = 1e-9;

    private readonly double[] _states;

    private SpiralData(double[] times, double[] states)
    {
        Times = times;
        _states = states;
    }

    /// <summary>The initial state of the true trajectory.</summary>
    public static ReadOnlySpan<double> InitialState => [2.0, 0.0];

    /// <summary>The sample times <c>t_i = 25 i / 999</c>.</summary>
    public double[] Times { get; }

    /// <summary>The true state at <c>Times[i]</c>.</summary>
    public ReadOnlySpan<double> State(int i) => _states.AsSpan(2 * i, 2);

    /// <summary>Solves the true dynamics once.</summary>
    public static SpiralData Generate()
    {
        var times = Linspace(0, EndTime, Points);
        var solution = Ode.Solve(new TrueSpiral.RhsSystem(), InitialState, [], 0, EndTime, new Dopri5(),
                                 new SolverOptions { RelTol = RelTol, AbsTol = AbsTol, SaveAt = times });
        var states = new double[2 * Points];
        for (int i = 0; i < Points; i++) solution.State(i).CopyTo(states.AsSpan(2 * i, 2));
        return new SpiralData(times, states);
    }

    /// <summary><paramref name="count"/> evenly spaced values from <paramref name="start"/> to <paramref name="end"/>, both included.</summary>
    public static double[] Linspace(double start, double end, int count)
    {
        var values = new double[count];
        for (int i = 0; i < count; i++) values[i] = start + (end - start) * i / (count - 1);
        values[^1] = end;
        return values;
    }
}
