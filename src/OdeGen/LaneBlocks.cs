using System;
using System.Numerics;
using System.Runtime.InteropServices;

namespace OdeGen;

/// <summary>
/// Moves a group of <see cref="Lanes.Count"/> copies between the batched layout <c>[y_0, y_1, …]</c> (copy after copy)
/// and lanes (element k of the group's copies in one vector). Each element is touched once; next to a kernel's
/// arithmetic (a multiply-add per weight per copy) the transpose is a few percent.
/// </summary>
internal static class LaneBlocks
{
    /// <summary>lanes[k] = (x[first*n + k], x[(first+1)*n + k], …) for k &lt; n.</summary>
    public static void Gather(ReadOnlySpan<double> batched, int first, int n, Span<Vector<double>> lanes)
    {
        int count = Vector<double>.Count;
        var elements = MemoryMarshal.Cast<Vector<double>, double>(lanes.Slice(0, n));
        for (int c = 0; c < count; c++)
        {
            var copy = batched.Slice((first + c) * n, n);
            for (int k = 0; k < n; k++) elements[k * count + c] = copy[k];
        }
    }

    /// <summary>The inverse of <see cref="Gather"/>: writes the group's copies.</summary>
    public static void Scatter(ReadOnlySpan<Vector<double>> lanes, Span<double> batched, int first, int n)
    {
        int count = Vector<double>.Count;
        var elements = MemoryMarshal.Cast<Vector<double>, double>(lanes.Slice(0, n));
        for (int c = 0; c < count; c++)
        {
            var copy = batched.Slice((first + c) * n, n);
            for (int k = 0; k < n; k++) copy[k] = elements[k * count + c];
        }
    }

    /// <summary>Adds the lanes into the group's copies.</summary>
    public static void ScatterAdd(ReadOnlySpan<Vector<double>> lanes, Span<double> batched, int first, int n)
    {
        int count = Vector<double>.Count;
        var elements = MemoryMarshal.Cast<Vector<double>, double>(lanes.Slice(0, n));
        for (int c = 0; c < count; c++)
        {
            var copy = batched.Slice((first + c) * n, n);
            for (int k = 0; k < n; k++) copy[k] += elements[k * count + c];
        }
    }

    /// <summary>sums[k] += the sum of lanes[k]'s lanes: the copies' shares of a shared parameter's cotangent.</summary>
    public static void AddLaneSums(ReadOnlySpan<Vector<double>> lanes, Span<double> sums)
    {
        for (int k = 0; k < sums.Length; k++) sums[k] += Vector.Sum(lanes[k]);
    }
}
