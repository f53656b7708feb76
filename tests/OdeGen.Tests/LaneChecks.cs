using System.Numerics;

namespace OdeGen.Tests;

/// <summary>
/// Checks a generated system's lane kernels against its per-copy members: Lanes.Count copies near one point, each in its lane,
/// must give what Forward, Jvp, VjpAccumulate (and JvpVjp, when it has lanes) give copy by copy. The kernels use fused multiply-adds and run
/// TensorPrimitives over all lanes at once, so they agree to rounding, not bit for bit.
/// </summary>
public static class LaneChecks
{
    private const double Tolerance = 1e-11;

    public static void AtPoint<TSystem>(TSystem system, double t, double[] y, double[] p, Random random)
        where TSystem : IOdeSystem
    {
        if (!system.HasLanes) return;
        int n = system.StateSize, m = system.ParameterSize, lanes = Lanes.Count;
        // Copy 0 is the point itself; the others are near it, inside the same branch of every condition.
        var copies = new double[lanes][];
        for (int c = 0; c < lanes; c++) copies[c] = y.Select(v => v * (1 + (c == 0 ? 0 : 1e-4 * (random.NextDouble() - 0.5)))).ToArray();
        var vy = Enumerable.Range(0, lanes).Select(_ => DerivativeChecks.RandomVector(random, n)).ToArray();
        var w = Enumerable.Range(0, lanes).Select(_ => DerivativeChecks.RandomVector(random, n)).ToArray();
        var vp = DerivativeChecks.RandomVector(random, m);
        double vt = random.NextDouble() - 0.5;

        var yLanes = ToLanes(copies, n);
        var dyLanes = new Vector<double>[n];
        system.ForwardLanes(t, yLanes, p, dyLanes);
        var jvLanes = new Vector<double>[n];
        var dyOfJvp = new Vector<double>[n];
        system.JvpLanes(t, yLanes, p, ToLanes(vy, n), vp, vt, dyOfJvp, jvLanes);
        var jvWithoutDy = new Vector<double>[n];
        system.JvpLanes(t, yLanes, p, ToLanes(vy, n), vp, vt, Span<Vector<double>>.Empty, jvWithoutDy);
        var wJyLanes = new Vector<double>[n];
        var wJpLanes = new Vector<double>[m];
        var dyOfVjp = new Vector<double>[n];
        var wJtLanes = system.VjpAccumulateLanes(t, yLanes, p, ToLanes(w, n), dyOfVjp, wJyLanes, wJpLanes);

        var wJpSum = new double[m];
        for (int c = 0; c < lanes; c++)
        {
            var f = new double[n];
            system.Forward(t, copies[c], p, f);
            var jv = new double[n];
            system.Jvp(t, copies[c], p, vy[c], vp, vt, Span<double>.Empty, jv);
            var wJy = new double[n];
            var wJp = new double[m];
            double wJt = system.Vjp(t, copies[c], p, w[c], Span<double>.Empty, wJy, wJp);
            for (int k = 0; k < m; k++) wJpSum[k] += wJp[k];
            for (int i = 0; i < n; i++)
            {
                DerivativeChecks.AssertClose(f[i], dyLanes[i][c], Tolerance, $"ForwardLanes: dy[{i}] of copy {c}");
                DerivativeChecks.AssertClose(f[i], dyOfJvp[i][c], Tolerance, $"JvpLanes: dy[{i}] of copy {c}");
                DerivativeChecks.AssertClose(f[i], dyOfVjp[i][c], Tolerance, $"VjpAccumulateLanes: dy[{i}] of copy {c}");
                DerivativeChecks.AssertClose(jv[i], jvLanes[i][c], Tolerance, $"JvpLanes: jv[{i}] of copy {c}");
                Assert.Equal(jvLanes[i][c], jvWithoutDy[i][c]);
                DerivativeChecks.AssertClose(wJy[i], wJyLanes[i][c], Tolerance, $"VjpAccumulateLanes: wJy[{i}] of copy {c}");
            }
            DerivativeChecks.AssertClose(wJt, wJtLanes[c], Tolerance, $"VjpAccumulateLanes: wJt of copy {c}");
        }
        for (int k = 0; k < m; k++)
            DerivativeChecks.AssertClose(wJpSum[k], Vector.Sum(wJpLanes[k]), Tolerance, $"VjpAccumulateLanes: wJp[{k}] summed over the lanes");
        if (system.HasSecondOrderLanes) SecondOrder(system, t, copies, p, vy, vp, vt, w);
        if (system.HasLanePairs) Pairs(system, t, yLanes, p, ToLanes(w, n));
    }

    /// <summary>
    /// The pair kernels on two groups (the copies, and the copies in reverse lane order) against the one-group kernels on each:
    /// each group's dy and wJy are the same bits; wJp and wJt add the same terms, in another order.
    /// </summary>
    public static void Pairs<TSystem>(TSystem system, double t, Vector<double>[] yLanes, double[] p, Vector<double>[] wLanes)
        where TSystem : IOdeSystem
    {
        int n = system.StateSize, m = system.ParameterSize;
        var reversed = new double[Lanes.Count];
        Vector<double> Reverse(Vector<double> v)
        {
            for (int c = 0; c < Lanes.Count; c++) reversed[c] = v[Lanes.Count - 1 - c];
            return new Vector<double>(reversed);
        }
        var groups = new[] { yLanes, yLanes.Select(Reverse).ToArray() };
        var cotangents = new[] { wLanes, wLanes.Select(Reverse).ToArray() };
        var yPair = groups[0].Concat(groups[1]).ToArray();
        var wPair = cotangents[0].Concat(cotangents[1]).ToArray();

        var dyPair = new Vector<double>[2 * n];
        system.ForwardLanePair(t, yPair, p, dyPair);
        var dyOfVjpPair = new Vector<double>[2 * n];
        var wJyPair = new Vector<double>[2 * n];
        var wJpPair = new Vector<double>[m];
        var wJtPair = system.VjpAccumulateLanePair(t, yPair, p, wPair, dyOfVjpPair, wJyPair, wJpPair);
        var wJyWithoutDy = new Vector<double>[2 * n];
        system.VjpAccumulateLanePair(t, yPair, p, wPair, Span<Vector<double>>.Empty, wJyWithoutDy, new Vector<double>[m]);

        var wJpGroups = new Vector<double>[m];
        var wJtGroups = Vector<double>.Zero;
        for (int g = 0; g < 2; g++)
        {
            var dy = new Vector<double>[n];
            system.ForwardLanes(t, groups[g], p, dy);
            var wJy = new Vector<double>[n];
            var wJp = new Vector<double>[m];
            wJtGroups += system.VjpAccumulateLanes(t, groups[g], p, cotangents[g], Span<Vector<double>>.Empty, wJy, wJp);
            for (int k = 0; k < m; k++) wJpGroups[k] += wJp[k];
            for (int i = 0; i < n; i++)
            {
                Assert.Equal(dy[i], dyPair[g * n + i]);
                Assert.Equal(dy[i], dyOfVjpPair[g * n + i]);
                Assert.Equal(wJy[i], wJyPair[g * n + i]);
                Assert.Equal(wJy[i], wJyWithoutDy[g * n + i]);
            }
        }
        for (int k = 0; k < m; k++)
            for (int c = 0; c < Lanes.Count; c++)
                DerivativeChecks.AssertClose(wJpGroups[k][c], wJpPair[k][c], Tolerance, $"VjpAccumulateLanePair: wJp[{k}], lane {c}");
        for (int c = 0; c < Lanes.Count; c++) DerivativeChecks.AssertClose(wJtGroups[c], wJtPair[c], Tolerance, $"VjpAccumulateLanePair: wJt, lane {c}");
    }

    /// <summary>JvpVjpAccumulateLanes against JvpVjp copy by copy: jv and hy per lane (added to what the lanes held), hp summed.</summary>
    private static void SecondOrder<TSystem>(TSystem system, double t, double[][] copies, double[] p, double[][] vy, double[] vp, double vt, double[][] w)
        where TSystem : IOdeSystem
    {
        int n = system.StateSize, m = system.ParameterSize, lanes = Lanes.Count;
        var jvLanes = new Vector<double>[n];
        // The kernel adds into hy and hp: start them at one, and take one off.
        var hyLanes = Enumerable.Repeat(Vector<double>.One, n).ToArray();
        var hpLanes = Enumerable.Repeat(Vector<double>.One, m).ToArray();
        system.JvpVjpAccumulateLanes(t, ToLanes(copies, n), p, ToLanes(vy, n), vp, vt, ToLanes(w, n), jvLanes, hyLanes, hpLanes);
        var hpSum = new double[m];
        for (int c = 0; c < lanes; c++)
        {
            var jv = new double[n];
            var hy = new double[n];
            var hp = new double[m];
            system.JvpVjp(t, copies[c], p, vy[c], vp, vt, w[c], jv, hy, hp);
            for (int k = 0; k < m; k++) hpSum[k] += hp[k];
            for (int i = 0; i < n; i++)
            {
                DerivativeChecks.AssertClose(jv[i], jvLanes[i][c], Tolerance, $"JvpVjpAccumulateLanes: jv[{i}] of copy {c}");
                DerivativeChecks.AssertClose(hy[i], hyLanes[i][c] - 1, Tolerance, $"JvpVjpAccumulateLanes: hy[{i}] of copy {c}");
            }
        }
        for (int k = 0; k < m; k++)
            DerivativeChecks.AssertClose(hpSum[k], Vector.Sum(hpLanes[k]) - lanes, Tolerance, $"JvpVjpAccumulateLanes: hp[{k}] summed over the lanes");
    }

    private static Vector<double>[] ToLanes(double[][] copies, int n)
    {
        var lanes = new Vector<double>[n];
        for (int k = 0; k < n; k++) lanes[k] = new Vector<double>(copies.Select(copy => copy[k]).ToArray());
        return lanes;
    }
}
