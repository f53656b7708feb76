using System;
using System.Numerics;

namespace OdeGen;

/// <summary>
/// A <see cref="IDifferentiableFunction"/> applied to a batch of inputs laid out one after another,
/// <c>[x_0, x_1, …]</c> into <c>[y_0, y_1, …]</c>, sharing one <c>p</c>: <see cref="Lanes.Count"/> inputs per SIMD
/// vector on the layer's lane kernels (each group gathered into lanes and scattered back, as
/// <see cref="BatchedSystem{TSystem}"/> does for a system), the inputs past the last full group, and every input of a
/// layer without lane kernels, one by one. The cotangent of <c>p</c> is summed over the batch. Nothing is allocated
/// per call once a thread has run the largest layer.
/// </summary>
public static class DifferentiableBatch
{
    [ThreadStatic] private static Vector<double>[]? t_lanes;
    [ThreadStatic] private static double[]? t_unused;

    /// <summary><c>y_b = F(x_b, p)</c> for every input of the batch.</summary>
    public static void Forward<TFunction>(TFunction function, ReadOnlySpan<double> x, int batch, ReadOnlySpan<double> p, Span<double> y,
        bool useLanes = true)
        where TFunction : IDifferentiableFunction
    {
        int n = function.InputSize, o = function.OutputSize;
        Check(function, x, batch, p, y.Length, "y");
        int onLanes = useLanes && function.HasLanes ? batch / Lanes.Count * Lanes.Count : 0;
        if (onLanes > 0)
        {
            var scratch = Scratch(n + o);
            var xLanes = scratch.Slice(0, n);
            var yLanes = scratch.Slice(n, o);
            for (int first = 0; first < onLanes; first += Lanes.Count)
            {
                LaneBlocks.Gather(x, first, n, xLanes);
                function.ForwardLanes(xLanes, p, yLanes);
                LaneBlocks.Scatter(yLanes, y, first, o);
            }
        }
        for (int b = onLanes; b < batch; b++) function.Forward(x.Slice(b * n, n), p, y.Slice(b * o, o));
    }

    /// <summary>
    /// Adds every input's <c>w_bᵀ dF/dx</c> into its block of <paramref name="wJx"/> (skipped when it is empty) and
    /// the sum over the batch of <c>w_bᵀ dF/dp</c> into <paramref name="wJp"/>.
    /// </summary>
    public static void VjpAccumulate<TFunction>(TFunction function, ReadOnlySpan<double> x, int batch, ReadOnlySpan<double> p,
        ReadOnlySpan<double> w, Span<double> wJx, Span<double> wJp, bool useLanes = true)
        where TFunction : IDifferentiableFunction
    {
        int n = function.InputSize, o = function.OutputSize, m = function.ParameterSize;
        Check(function, x, batch, p, w.Length, "w");
        if (!wJx.IsEmpty && wJx.Length != batch * n)
            throw new ArgumentException($"wJx has length {wJx.Length}; it must be empty or batch x InputSize = {batch * n}.", nameof(wJx));
        if (wJp.Length != m) throw new ArgumentException($"wJp has length {wJp.Length}; it must be ParameterSize = {m}.", nameof(wJp));
        int onLanes = useLanes && function.HasLanes ? batch / Lanes.Count * Lanes.Count : 0;
        if (onLanes > 0)
        {
            var scratch = Scratch(2 * n + o + m);
            var xLanes = scratch.Slice(0, n);
            var wLanes = scratch.Slice(n, o);
            var wJxLanes = scratch.Slice(n + o, n);
            var wJpLanes = scratch.Slice(2 * n + o, m);
            wJpLanes.Clear();
            for (int first = 0; first < onLanes; first += Lanes.Count)
            {
                LaneBlocks.Gather(x, first, n, xLanes);
                LaneBlocks.Gather(w, first, o, wLanes);
                wJxLanes.Clear();
                function.VjpAccumulateLanes(xLanes, p, wLanes, Span<Vector<double>>.Empty, wJxLanes, wJpLanes);
                if (!wJx.IsEmpty) LaneBlocks.ScatterAdd(wJxLanes, wJx, first, n);
            }
            LaneBlocks.AddLaneSums(wJpLanes, wJp);
        }
        if (onLanes == batch) return;
        // The layer writes wJx whether or not it is wanted: a scratch for the inputs whose cotangent is not.
        if (wJx.IsEmpty && (t_unused is null || t_unused.Length < n)) t_unused = new double[n];
        for (int b = onLanes; b < batch; b++)
            function.VjpAccumulate(x.Slice(b * n, n), p, w.Slice(b * o, o), Span<double>.Empty,
                wJx.IsEmpty ? t_unused.AsSpan(0, n) : wJx.Slice(b * n, n), wJp);
    }

    private static void Check<TFunction>(TFunction function, ReadOnlySpan<double> x, int batch, ReadOnlySpan<double> p, int outputLength, string output)
        where TFunction : IDifferentiableFunction
    {
        ArgumentOutOfRangeException.ThrowIfNegative(batch);
        if (x.Length != batch * function.InputSize)
            throw new ArgumentException($"x has length {x.Length}; it must be batch x InputSize = {batch * function.InputSize}.", nameof(x));
        if (p.Length != function.ParameterSize)
            throw new ArgumentException($"p has length {p.Length}; it must be ParameterSize = {function.ParameterSize}.", nameof(p));
        if (outputLength != batch * function.OutputSize)
            throw new ArgumentException($"{output} has length {outputLength}; it must be batch x OutputSize = {batch * function.OutputSize}.", output);
    }

    private static Span<Vector<double>> Scratch(int length)
    {
        var scratch = t_lanes;
        if (scratch is null || scratch.Length < length) t_lanes = scratch = new Vector<double>[length];
        return scratch.AsSpan(0, length);
    }
}
