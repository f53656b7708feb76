using System;

namespace OdeGen.Benchmarks;

/// <summary>
/// Checks, before anything is measured, that the hand-written derivatives and the generated ones agree:
/// every entry within 1e-12 relative (|a - b| &lt;= 1e-12 max(|a|, |b|)), and the generated Jvp
/// consistent with the generated Vjp (w·(J v) = (wᵀJ)·v).
/// </summary>
public static class DerivativeVerification
{
    /// <summary>Relative tolerance of every comparison.</summary>
    public const double Tolerance = 1e-12;

    /// <summary>Throws <see cref="InvalidOperationException"/> on any disagreement.</summary>
    public static void Verify<TSystem, THand>(string name, double[] y, double[] p, double[] w, double[] vy, double[] vp)
        where TSystem : struct, IOdeSystem
        where THand : struct, IHandDerivatives
    {
        const double t = 0.5;
        TSystem gen = default;
        THand hand = default;
        int n = gen.StateSize, m = gen.ParameterSize;

        var f = new double[n];
        gen.Forward(t, y, p, f);

        // Vjp with and without f.
        foreach (bool withF in new[] { false, true })
        {
            double[] dyG = Filled(n), dyH = Filled(n), wJyG = Filled(n), wJyH = Filled(n), wJpG = Filled(m), wJpH = Filled(m);
            double rG = gen.Vjp(t, y, p, w, withF ? dyG : Span<double>.Empty, wJyG, wJpG);
            double rH = hand.Vjp(t, y, p, w, withF ? dyH : Span<double>.Empty, wJyH, wJpH);
            string what = withF ? "Vjp(with f)" : "Vjp";
            Compare(name, what + " wJy", wJyG, wJyH);
            Compare(name, what + " wJp", wJpG, wJpH);
            Compare(name, what + " return", new[] { rG }, new[] { rH });
            if (withF)
            {
                Compare(name, what + " dy (generated vs Forward)", dyG, f);
                Compare(name, what + " dy (hand-written vs Forward)", dyH, f);
            }
        }

        // JacobianY, on a buffer full of garbage to check that zeros are written too.
        double[] jacG = Filled(n * n), jacH = Filled(n * n);
        gen.JacobianY(t, y, p, jacG);
        hand.JacobianY(t, y, p, jacH);
        Compare(name, "JacobianY", jacG, jacH);

        // Hand-written Vjp against the hand-written Jacobian: wJy = J^T w.
        var jtw = new double[n];
        for (int j = 0; j < n; j++)
        {
            double s = 0.0;
            for (int i = 0; i < n; i++) s += jacH[i * n + j] * w[i];
            jtw[j] = s;
        }
        var wJyHand = new double[n];
        hand.Vjp(t, y, p, w, Span<double>.Empty, wJyHand, new double[m]);
        CompareDot(name, "hand-written Vjp against J^T w", Dot(wJyHand, vy), Dot(jtw, vy), Abs(wJyHand, vy));

        // Generated Jvp against generated Vjp (dot-product test), and its f.
        var jv = new double[n];
        var dyJ = Filled(n);
        gen.Jvp(t, y, p, vy, vp, 0.0, dyJ, jv);
        Compare(name, "Jvp dy (vs Forward)", dyJ, f);
        var wJy = new double[n];
        var wJp = new double[m];
        gen.Vjp(t, y, p, w, Span<double>.Empty, wJy, wJp);
        double lhs = Dot(w, jv);
        double rhs = Dot(wJy, vy) + Dot(wJp, vp);
        CompareDot(name, "Jvp against Vjp (w.Jv = wJ.v)", lhs, rhs, Abs(wJy, vy) + Abs(wJp, vp));
    }

    private static double[] Filled(int length)
    {
        var a = new double[length];
        Array.Fill(a, double.NaN);
        return a;
    }

    private static void Compare(string name, string what, double[] generated, double[] hand)
    {
        for (int i = 0; i < generated.Length; i++)
        {
            double a = generated[i], b = hand[i];
            if (!(Math.Abs(a - b) <= Tolerance * Math.Max(Math.Abs(a), Math.Abs(b))))
            {
                throw new InvalidOperationException(
                    $"{name}: {what}[{i}] differs: generated {a:R}, hand-written {b:R}");
            }
        }
    }

    // A dot product's rounding is relative to the sum of absolute terms, not to its (possibly cancelled) value.
    private static void CompareDot(string name, string what, double a, double b, double scale)
    {
        if (!(Math.Abs(a - b) <= Tolerance * scale))
        {
            throw new InvalidOperationException($"{name}: {what}: {a:R} vs {b:R}");
        }
    }

    private static double Dot(double[] a, double[] b)
    {
        double s = 0.0;
        for (int i = 0; i < a.Length; i++) s += a[i] * b[i];
        return s;
    }

    private static double Abs(double[] a, double[] b)
    {
        double s = 0.0;
        for (int i = 0; i < a.Length; i++) s += Math.Abs(a[i] * b[i]);
        return s;
    }
}
