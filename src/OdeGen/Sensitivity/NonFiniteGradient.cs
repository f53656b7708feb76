using System;

namespace OdeGen;

/// <summary>
/// The last check of every gradient method: a gradient assembled after the passes (forward sensitivity's
/// <c>dL/dy · S</c>, the time gradients <c>dL/dy · f</c>) can overflow although every solve stayed finite. That is a
/// <see cref="OdeSolverFailure.NonFiniteState"/> as well, never an infinite or NaN entry handed back as a result.
/// </summary>
internal static class NonFiniteGradient
{
    public static void ThrowIfAny(GradientResult result, string method, double t0, ReadOnlySpan<double> times)
    {
        string? what = Find("dL/dy0", result.Y0) ?? Find("dL/dp", result.P) ?? Find("dL/dt", result.Times);
        if (what is null && !double.IsFinite(result.T0)) what = $"dL/dt0 = {result.T0}";
        if (what is null) return;

        // What was computed: the forward states at the observation times.
        int n = result.StateSize, count = result.Count;
        var states = new double[count * n];
        for (int k = 0; k < count; k++) result.States(k).CopyTo(states.AsSpan(k * n, n));
        var forward = new OdeSolution(method, n, times.ToArray(), states, count, result.ForwardStats, null, t0, times[^1]);
        throw new OdeSolverException(OdeSolverFailure.NonFiniteState, times[^1], forward,
            $"{method}: every pass finished, but the gradient is non-finite: {what}. It overflows double precision (for example a loss of a state that grows exponentially over a long time); shorten the time span or rescale the loss.");
    }

    private static string? Find(string name, double[] values)
    {
        int bad = NonFinite.First(values);
        return bad < 0 ? null : $"{name}[{bad}] = {values[bad]}";
    }
}
