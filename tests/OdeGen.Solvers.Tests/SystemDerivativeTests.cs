using OdeGen.Solvers.Tests.Systems;

namespace OdeGen.Solvers.Tests;

/// <summary>
/// The hand-written test systems' derivatives must be right, since Rodas5P uses them: each Jacobian column and the
/// time derivative against central differences of Forward, and Jvp/Vjp by the dot-product test.
/// </summary>
public class SystemDerivativeTests
{
    public static TheoryData<string> Names => new() { "Linear", "Arenstorf", "Lorenz", "VanDerPol", "Robertson", "Brusselator", "LotkaVolterra", "Riccati" };

    [Theory]
    [MemberData(nameof(Names))]
    public void Derivatives_match_finite_differences(string name)
    {
        switch (name)
        {
            case "Linear": Check(new LinearSystem(), [0.3, -0.7, 0.2], [0.1, 2.0, 0.5]); break;
            case "Arenstorf": Check(new Arenstorf(), [0.8, 0.3, -0.2, 0.4], [0.012277471]); break;
            case "Lorenz": Check(new Lorenz(), [1.5, -0.5, 20.0], [10.0, 28.0, 8.0 / 3]); break;
            case "VanDerPol": Check(new VanDerPol(), [1.7, -0.6], [3.0]); break;
            case "Robertson": Check(new Robertson(), [0.9, 2e-5, 0.1], [0.04, 3e7, 1e4]); break;
            case "Brusselator": Check(new Brusselator(), [1.2, 2.5], [1.0, 3.0]); break;
            case "LotkaVolterra": Check(new LotkaVolterra(), [1.3, 0.8], [1.5, 1.0, 3.0, 1.0]); break;
            case "Riccati": Check(new Riccati(), [1.4], []); break;
        }
    }

    private static void Check<T>(T system, double[] y, double[] p) where T : IOdeSystem
    {
        int n = system.StateSize, m = system.ParameterSize;
        const double t = 0.37;
        var jy = new double[n * n];
        var jp = new double[Math.Max(1, n * m)];
        var ft = new double[n];
        system.JacobianY(t, y, p, jy);
        if (m > 0) system.JacobianP(t, y, p, jp);
        system.TimeDerivative(t, y, p, ft);
        var fPlus = new double[n];
        var fMinus = new double[n];
        for (int j = 0; j < n; j++)
        {
            double e = 1e-6 * Math.Max(1e-3, Math.Abs(y[j]));
            var yp = (double[])y.Clone(); yp[j] += e;
            var ym = (double[])y.Clone(); ym[j] -= e;
            system.Forward(t, yp, p, fPlus);
            system.Forward(t, ym, p, fMinus);
            for (int i = 0; i < n; i++)
            {
                double fd = (fPlus[i] - fMinus[i]) / (2 * e);
                Assert.True(Math.Abs(fd - jy[i * n + j]) <= 1e-6 * (1 + Math.Abs(fd)), $"dF{i}/dy{j}: {jy[i * n + j]} vs {fd}");
                if (jy[i * n + j] != 0) Assert.True(system.JacobianYSparsity.IsNonZero(i, j), $"({i},{j}) outside the sparsity pattern");
            }
        }
        for (int j = 0; j < m; j++)
        {
            double e = 1e-6 * Math.Max(1e-3, Math.Abs(p[j]));
            var pp = (double[])p.Clone(); pp[j] += e;
            var pm = (double[])p.Clone(); pm[j] -= e;
            system.Forward(t, y, pp, fPlus);
            system.Forward(t, y, pm, fMinus);
            for (int i = 0; i < n; i++)
            {
                double fd = (fPlus[i] - fMinus[i]) / (2 * e);
                Assert.True(Math.Abs(fd - jp[i * m + j]) <= 1e-6 * (1 + Math.Abs(fd)), $"dF{i}/dp{j}: {jp[i * m + j]} vs {fd}");
            }
        }
        system.Forward(t + 1e-6, y, p, fPlus);
        system.Forward(t - 1e-6, y, p, fMinus);
        for (int i = 0; i < n; i++)
        {
            double fd = (fPlus[i] - fMinus[i]) / 2e-6;
            Assert.True(Math.Abs(fd - ft[i]) <= 1e-6 * (1 + Math.Abs(fd)), $"dF{i}/dt: {ft[i]} vs {fd}");
        }

        // Dot-product test <w, J v> = <J^T w, v> with random vectors, and f written alongside.
        var rng = new Random(7);
        var vy = Random(rng, n); var vp = Random(rng, m); var w = Random(rng, n);
        double vt = 0.3;
        var jv = new double[n]; var dy = new double[n]; var f = new double[n];
        system.Jvp(t, y, p, vy, vp, vt, dy, jv);
        system.Forward(t, y, p, f);
        Assert.Equal(f, dy);
        var wJy = new double[n]; var wJp = new double[m];
        double wt = system.Vjp(t, y, p, w, Span<double>.Empty, wJy, wJp);
        double lhs = 0, rhs = wt * vt;
        for (int i = 0; i < n; i++) lhs += w[i] * jv[i];
        for (int i = 0; i < n; i++) rhs += wJy[i] * vy[i];
        for (int j = 0; j < m; j++) rhs += wJp[j] * vp[j];
        Assert.True(Math.Abs(lhs - rhs) <= 1e-10 * (1 + Math.Abs(lhs)), $"dot-product test: {lhs} vs {rhs}");
    }

    private static double[] Random(Random rng, int n)
    {
        var v = new double[n];
        for (int i = 0; i < n; i++) v[i] = rng.NextDouble() - 0.5;
        return v;
    }
}
