namespace OdeGen.Tests;

/// <summary>
/// Checks the generated second-order product JvpVjp at one point: its jv against Jvp's; hy and hp against 4th-order
/// central differences of wᵀ Jvp along every input; the symmetry of second derivatives
/// &lt;H(a) , b&gt; = &lt;H(b), a&gt; (the dot-product test of a Hessian); that hy and hp are overwritten and an empty jv
/// is allowed. Then the divergence tr(∂f/∂y) against the Jacobian's trace and its gradient against differences.
/// </summary>
public static class SecondOrderChecks
{
    public static void AtPoint<TSystem>(TSystem system, double t, double[] y, double[] p, Random random)
        where TSystem : IOdeSystem
    {
        int n = system.StateSize, m = system.ParameterSize;
        Assert.True(system.HasSecondDerivatives, "a generated system has second derivatives");
        var vy = DerivativeChecks.RandomVector(random, n);
        var vp = DerivativeChecks.RandomVector(random, m);
        var w = DerivativeChecks.RandomVector(random, n);

        // With a time tangent vt: jv = Jvp(vy, vp, vt) and hy, hp its gradients (what a Rosenbrock step's adjoint uses).
        double vt = random.NextDouble() * 2 - 1;
        var jv = new double[n];
        var hyT = DerivativeChecks.RandomVector(random, n);
        var hpT = DerivativeChecks.RandomVector(random, m);
        system.JvpVjp(t, y, p, vy, vp, vt, w, jv, hyT, hpT);
        var expectedJv = new double[n];
        system.Jvp(t, y, p, vy, vp, vt, Span<double>.Empty, expectedJv);
        for (int i = 0; i < n; i++) DerivativeChecks.AssertClose(expectedJv[i], jv[i], 1e-12, $"JvpVjp's jv[{i}]");

        // hy_j = d/dy_j (wᵀ jv), hp_k = d/dp_k (wᵀ jv), one input at a time.
        for (int j = 0; j < n; j++)
        {
            var u = new double[n];
            u[j] = 1;
            DerivativeChecks.AssertClose(DirectionalSecond(system, t, y, p, vy, vp, vt, w, u, new double[m]), hyT[j], 1e-6, $"hy[{j}] against central differences of Jvp");
        }
        for (int k = 0; k < m; k++)
        {
            var q = new double[m];
            q[k] = 1;
            DerivativeChecks.AssertClose(DirectionalSecond(system, t, y, p, vy, vp, vt, w, new double[n], q), hpT[k], 1e-6, $"hp[{k}] against central differences of Jvp");
        }

        // Without vt, the overload of the contract gives the same as vt = 0.
        var hy = DerivativeChecks.RandomVector(random, n);
        var hp = DerivativeChecks.RandomVector(random, m);
        system.JvpVjp(t, y, p, vy, vp, w, Span<double>.Empty, hy, hp);
        var hyZero = new double[n];
        var hpZero = new double[m];
        system.JvpVjp(t, y, p, vy, vp, 0.0, w, Span<double>.Empty, hyZero, hpZero);
        Assert.Equal(hyZero, hy);
        Assert.Equal(hpZero, hp);

        // <H (a), b> = <H (b), a> for the Hessian H of wᵀ f in (y, p).
        var ay = DerivativeChecks.RandomVector(random, n);
        var ap = DerivativeChecks.RandomVector(random, m);
        var hyA = new double[n];
        var hpA = new double[m];
        system.JvpVjp(t, y, p, ay, ap, w, Span<double>.Empty, hyA, hpA);
        double left = DerivativeChecks.Dot(hyA, vy) + DerivativeChecks.Dot(hpA, vp);
        double right = DerivativeChecks.Dot(hy, ay) + DerivativeChecks.Dot(hp, ap);
        DerivativeChecks.AssertClose(left, right, 1e-11, "<H a, v> = <H v, a>");

        // The divergence is the trace of JacobianY; its gradient is checked by differences along a random direction.
        var jacobian = new double[n * n];
        system.JacobianY(t, y, p, jacobian);
        double trace = 0;
        for (int i = 0; i < n; i++) trace += jacobian[i * n + i];
        double divergence = system.Divergence(t, y, p);
        DerivativeChecks.AssertClose(trace, divergence, 1e-12, "Divergence against the trace of JacobianY");
        var gy = DerivativeChecks.RandomVector(random, n);
        var gp = DerivativeChecks.RandomVector(random, m);
        DerivativeChecks.AssertClose(divergence, system.DivergenceGradient(t, y, p, gy, gp), 1e-12, "DivergenceGradient's divergence");
        var dy = DerivativeChecks.RandomVector(random, n);
        var dp = DerivativeChecks.RandomVector(random, m);
        double slope = CentralDifference(h => system.Divergence(t, Shift(y, dy, h), Shift(p, dp, h)));
        DerivativeChecks.AssertClose(slope, DerivativeChecks.Dot(gy, dy) + DerivativeChecks.Dot(gp, dp), 1e-6, "DivergenceGradient against differences of Divergence");
    }

    /// <summary>d/dε wᵀ Jvp(y + ε u, p + ε q; vy, vp, vt) at ε = 0, by 4th-order central differences.</summary>
    private static double DirectionalSecond<TSystem>(TSystem system, double t, double[] y, double[] p, double[] vy, double[] vp, double vt, double[] w, double[] u, double[] q)
        where TSystem : IOdeSystem
    {
        var jv = new double[y.Length];
        return CentralDifference(h =>
        {
            system.Jvp(t, Shift(y, u, h), Shift(p, q, h), vy, vp, vt, Span<double>.Empty, jv);
            return DerivativeChecks.Dot(w, jv);
        });
    }

    /// <summary>4th-order central differences with a step small enough for the second and third derivatives near a domain's edge (√y at small y).</summary>
    private static double CentralDifference(Func<double, double> f)
    {
        const double h = 2e-4;
        return (f(-2 * h) - 8 * f(-h) + 8 * f(h) - f(2 * h)) / (12 * h);
    }

    private static double[] Shift(double[] x, double[] direction, double h) => x.Select((v, i) => v + h * direction[i]).ToArray();
}
