using System;
using System.Runtime.Intrinsics;

namespace OdeGen;

/// <summary>
/// Moves a group of <see cref="Lanes.Count"/> copies between the batched layout <c>[y_0, y_1, …]</c> (copy after copy)
/// and lanes (element k of the group's copies in one vector). Each element is touched once; next to a kernel's
/// arithmetic (a multiply-add per weight per copy) the transpose is a few percent.
/// </summary>
internal static class LaneBlocks
{
    /// <summary>lanes[k] = (x[first*n + k], x[(first+1)*n + k], …) for k &lt; n.</summary>
    public static void Gather(ReadOnlySpan<double> batched, int first, int n, Span<Vector256<double>> lanes)
    {
        var c0 = batched.Slice(first * n, n);
        var c1 = batched.Slice((first + 1) * n, n);
        var c2 = batched.Slice((first + 2) * n, n);
        var c3 = batched.Slice((first + 3) * n, n);
        for (int k = 0; k < n; k++) lanes[k] = Vector256.Create(c0[k], c1[k], c2[k], c3[k]);
    }

    /// <summary>The inverse of <see cref="Gather"/>: writes the group's copies.</summary>
    public static void Scatter(ReadOnlySpan<Vector256<double>> lanes, Span<double> batched, int first, int n)
    {
        var c0 = batched.Slice(first * n, n);
        var c1 = batched.Slice((first + 1) * n, n);
        var c2 = batched.Slice((first + 2) * n, n);
        var c3 = batched.Slice((first + 3) * n, n);
        for (int k = 0; k < n; k++)
        {
            var v = lanes[k];
            c0[k] = v[0];
            c1[k] = v[1];
            c2[k] = v[2];
            c3[k] = v[3];
        }
    }

    /// <summary>Adds the lanes into the group's copies.</summary>
    public static void ScatterAdd(ReadOnlySpan<Vector256<double>> lanes, Span<double> batched, int first, int n)
    {
        var c0 = batched.Slice(first * n, n);
        var c1 = batched.Slice((first + 1) * n, n);
        var c2 = batched.Slice((first + 2) * n, n);
        var c3 = batched.Slice((first + 3) * n, n);
        for (int k = 0; k < n; k++)
        {
            var v = lanes[k];
            c0[k] += v[0];
            c1[k] += v[1];
            c2[k] += v[2];
            c3[k] += v[3];
        }
    }

    /// <summary>sums[k] += the sum of lanes[k]'s lanes: the copies' shares of a shared parameter's cotangent.</summary>
    public static void AddLaneSums(ReadOnlySpan<Vector256<double>> lanes, Span<double> sums)
    {
        for (int k = 0; k < sums.Length; k++) sums[k] += Vector256.Sum(lanes[k]);
    }
}
