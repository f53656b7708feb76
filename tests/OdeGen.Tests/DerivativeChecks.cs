namespace OdeGen.Tests;

/// <summary>The user's own dynamics method, to compare the generated Forward with.</summary>
public delegate void UserRhs(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> p, Span<double> dy);

/// <summary>
/// Checks every generated derivative of a system at one point against independent evidence:
/// JVP against 4th-order central differences of Forward; VJP by the dot-product test
/// &lt;w, J v&gt; = &lt;Jᵀ w, v&gt;; Jacobian columns against unit JVPs; TimeDerivative against
/// differences in t; Forward and the dy of Jvp/Vjp against the user's method bit for bit;
/// observed non-zeros of df/dy inside the sparsity pattern; the second derivatives (<see cref="SecondOrderChecks"/>);
/// the lane kernels against the per-copy members (<see cref="LaneChecks"/>).
/// </summary>
public static class DerivativeChecks
{
    public static void AtPoint<TSystem>(TSystem system, UserRhs user, double t, double[] y, double[] p, Random random)
        where TSystem : IOdeSystem
    {
        int n = system.StateSize, m = system.ParameterSize;
        Assert.Equal(n, y.Length);
        Assert.Equal(m, p.Length);

        // Forward is the user's method, bit for bit; so is the f written by Jvp and Vjp.
        var f = new double[n];
        var expected = new double[n];
        system.Forward(t, y, p, f);
        user(t, y, p, expected);
        AssertBitwise(expected, f, "Forward");

        var vy = RandomVector(random, n);
        var vp = RandomVector(random, m);
        double vt = random.NextDouble() - 0.5;
        var jv = new double[n];
        var dyFromJvp = new double[n];
        system.Jvp(t, y, p, vy, vp, vt, dyFromJvp, jv);
        AssertBitwise(expected, dyFromJvp, "dy written by Jvp");

        // JVP against 4th-order central differences of Forward along (vy, vp, vt).
        var fd = CentralDifference(system, t, y, p, vy, vp, vt);
        for (int i = 0; i < n; i++)
            AssertClose(fd[i], jv[i], 1e-6, $"Jvp[{i}] against central differences");

        // Jvp leaves dy alone when it is empty.
        var jvNoDy = new double[n];
        system.Jvp(t, y, p, vy, vp, vt, Span<double>.Empty, jvNoDy);
        AssertBitwise(jv, jvNoDy, "Jvp without dy");

        // VJP by the dot-product test, including the t part.
        var w = RandomVector(random, n);
        var wJy = new double[n];
        var wJp = new double[m];
        var dyFromVjp = new double[n];
        double wJt = system.Vjp(t, y, p, w, dyFromVjp, wJy, wJp);
        AssertBitwise(expected, dyFromVjp, "dy written by Vjp");
        double left = Dot(w, jv);
        double right = Dot(wJy, vy) + Dot(wJp, vp) + wJt * vt;
        AssertClose(left, right, 1e-11, "<w, J v> = <J^T w, v>");

        // VjpAccumulate adds the same products to what is already there.
        var startY = RandomVector(random, n);
        var startP = RandomVector(random, m);
        var sumY = (double[])startY.Clone();
        var sumP = (double[])startP.Clone();
        double accumulatedWJt = system.VjpAccumulate(t, y, p, w, Span<double>.Empty, sumY, sumP);
        AssertClose(wJt, accumulatedWJt, 1e-14, "VjpAccumulate's wJt");
        for (int j = 0; j < n; j++) AssertClose(startY[j] + wJy[j], sumY[j], 1e-14, $"VjpAccumulate's wJy[{j}]");
        for (int k = 0; k < m; k++) AssertClose(startP[k] + wJp[k], sumP[k], 1e-14, $"VjpAccumulate's wJp[{k}]");

        // Jacobian columns are unit JVPs; TimeDerivative is the JVP along t.
        var jacY = new double[n * n];
        system.JacobianY(t, y, p, jacY);
        var jacP = new double[n * m];
        system.JacobianP(t, y, p, jacP);
        var dfdt = new double[n];
        system.TimeDerivative(t, y, p, dfdt);
        var unit = new double[Math.Max(n, m)];
        var column = new double[n];
        for (int j = 0; j < n; j++)
        {
            Array.Clear(unit);
            unit[j] = 1;
            system.Jvp(t, y, p, unit.AsSpan(0, n), new double[m], 0, Span<double>.Empty, column);
            for (int i = 0; i < n; i++) AssertClose(column[i], jacY[i * n + j], 1e-12, $"JacobianY[{i},{j}]");
        }
        for (int k = 0; k < m; k++)
        {
            Array.Clear(unit);
            unit[k] = 1;
            system.Jvp(t, y, p, new double[n], unit.AsSpan(0, m), 0, Span<double>.Empty, column);
            for (int i = 0; i < n; i++) AssertClose(column[i], jacP[i * m + k], 1e-12, $"JacobianP[{i},{k}]");
        }
        var ft = CentralDifference(system, t, y, p, new double[n], new double[m], 1);
        for (int i = 0; i < n; i++) AssertClose(ft[i], dfdt[i], 1e-6, $"TimeDerivative[{i}] against differences in t");

        // Every observed non-zero of df/dy is inside the pattern.
        var pattern = system.JacobianYSparsity;
        Assert.Equal(n, pattern.Rows);
        Assert.Equal(n, pattern.Columns);
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
                if (jacY[i * n + j] != 0) Assert.True(pattern.IsNonZero(i, j), $"df{i}/dy{j} = {jacY[i * n + j]} is outside the sparsity pattern");

        SecondOrderChecks.AtPoint(system, t, y, p, random);
        LaneChecks.AtPoint(system, t, y, p, random);
    }

    /// <summary>(-f(x+2h) + 8 f(x+h) - 8 f(x-h) + f(x-2h)) / 12h along (vy, vp, vt): error O(h⁴).</summary>
    public static double[] CentralDifference<TSystem>(TSystem system, double t, double[] y, double[] p, double[] vy, double[] vp, double vt)
        where TSystem : IOdeSystem
    {
        const double h = 1e-3;
        int n = y.Length;
        var result = new double[n];
        var f = new double[n];
        double[] weights = { 1, -8, 8, -1 };
        double[] steps = { -2, -1, 1, 2 };
        for (int s = 0; s < 4; s++)
        {
            double step = steps[s] * h;
            var ys = y.Select((v, i) => v + step * vy[i]).ToArray();
            var ps = p.Select((v, i) => v + step * vp[i]).ToArray();
            system.Forward(t + step * vt, ys, ps, f);
            for (int i = 0; i < n; i++) result[i] += weights[s] * f[i] / (12 * h);
        }
        return result;
    }

    public static double[] RandomVector(Random random, int length, double low = -1, double high = 1) =>
        Enumerable.Range(0, length).Select(_ => low + (high - low) * random.NextDouble()).ToArray();

    public static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        double sum = 0;
        for (int i = 0; i < a.Length; i++) sum += a[i] * b[i];
        return sum;
    }

    public static void AssertBitwise(double[] expected, double[] actual, string what)
    {
        for (int i = 0; i < expected.Length; i++)
            Assert.True(BitConverter.DoubleToInt64Bits(expected[i]) == BitConverter.DoubleToInt64Bits(actual[i]),
                $"{what}[{i}]: expected {expected[i]:R}, got {actual[i]:R}");
    }

    public static void AssertClose(double expected, double actual, double relative, string what)
    {
        double tolerance = relative * Math.Max(1, Math.Abs(expected));
        Assert.True(Math.Abs(expected - actual) <= tolerance, $"{what}: expected {expected:R}, got {actual:R} (tolerance {tolerance:E2})");
    }
}
