namespace OdeGen.Tests;

/// <summary>The user's own layer method, to compare the generated Forward with.</summary>
public delegate void UserLayer(ReadOnlySpan<double> x, ReadOnlySpan<double> p, Span<double> y);

/// <summary>
/// Checks a generated <see cref="IDifferentiableFunction"/> at one point: Forward and the y written by Jvp and Vjp
/// against the user's method bit for bit; Jvp against 4th-order central differences of Forward; Vjp by the
/// dot-product test &lt;w, J v&gt; = &lt;Jᵀ w, v&gt;; VjpAccumulate adds what Vjp writes.
/// </summary>
public static class LayerChecks
{
    public static void AtPoint<TFunction>(TFunction layer, UserLayer user, double[] x, double[] p, Random random)
        where TFunction : IDifferentiableFunction
    {
        int n = layer.InputSize, o = layer.OutputSize, m = layer.ParameterSize;
        Assert.Equal(n, x.Length);
        Assert.Equal(m, p.Length);

        var expected = new double[o];
        var y = new double[o];
        user(x, p, expected);
        layer.Forward(x, p, y);
        DerivativeChecks.AssertBitwise(expected, y, "Forward");

        var vx = DerivativeChecks.RandomVector(random, n);
        var vp = DerivativeChecks.RandomVector(random, m);
        var jv = new double[o];
        var yFromJvp = new double[o];
        layer.Jvp(x, p, vx, vp, yFromJvp, jv);
        DerivativeChecks.AssertBitwise(expected, yFromJvp, "y written by Jvp");
        var fd = CentralDifference(layer, x, p, vx, vp);
        for (int i = 0; i < o; i++) DerivativeChecks.AssertClose(fd[i], jv[i], 1e-6, $"Jvp[{i}] against central differences");
        var jvWithoutY = new double[o];
        layer.Jvp(x, p, vx, vp, Span<double>.Empty, jvWithoutY);
        DerivativeChecks.AssertBitwise(jv, jvWithoutY, "Jvp without y");

        // Vjp overwrites whatever is in its outputs.
        var w = DerivativeChecks.RandomVector(random, o);
        var wJx = DerivativeChecks.RandomVector(random, n);
        var wJp = DerivativeChecks.RandomVector(random, m);
        var yFromVjp = new double[o];
        layer.Vjp(x, p, w, yFromVjp, wJx, wJp);
        DerivativeChecks.AssertBitwise(expected, yFromVjp, "y written by Vjp");
        DerivativeChecks.AssertClose(DerivativeChecks.Dot(w, jv), DerivativeChecks.Dot(wJx, vx) + DerivativeChecks.Dot(wJp, vp), 1e-11, "<w, J v> = <J^T w, v>");

        var startX = DerivativeChecks.RandomVector(random, n);
        var startP = DerivativeChecks.RandomVector(random, m);
        var sumX = (double[])startX.Clone();
        var sumP = (double[])startP.Clone();
        layer.VjpAccumulate(x, p, w, Span<double>.Empty, sumX, sumP);
        for (int j = 0; j < n; j++) DerivativeChecks.AssertClose(startX[j] + wJx[j], sumX[j], 1e-14, $"VjpAccumulate's wJx[{j}]");
        for (int k = 0; k < m; k++) DerivativeChecks.AssertClose(startP[k] + wJp[k], sumP[k], 1e-14, $"VjpAccumulate's wJp[{k}]");
    }

    /// <summary>(-F(x+2h) + 8 F(x+h) - 8 F(x-h) + F(x-2h)) / 12h along (vx, vp).</summary>
    private static double[] CentralDifference<TFunction>(TFunction layer, double[] x, double[] p, double[] vx, double[] vp)
        where TFunction : IDifferentiableFunction
    {
        const double h = 1e-3;
        var result = new double[layer.OutputSize];
        var y = new double[layer.OutputSize];
        double[] weights = { 1, -8, 8, -1 };
        double[] steps = { -2, -1, 1, 2 };
        for (int s = 0; s < 4; s++)
        {
            double step = steps[s] * h;
            layer.Forward(x.Select((v, i) => v + step * vx[i]).ToArray(), p.Select((v, i) => v + step * vp[i]).ToArray(), y);
            for (int i = 0; i < y.Length; i++) result[i] += weights[s] * y[i] / (12 * h);
        }
        return result;
    }
}
