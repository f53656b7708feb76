using OdeGen.Tests.Corpus;

namespace OdeGen.Tests;

/// <summary>
/// Derivatives at the edge of a function's domain, where the function is finite: one-sided limits or the
/// documented conventions, never NaN (the rules' remarks list them).
/// </summary>
public class EdgeDerivativeTests
{
    private static readonly Edges.RhsSystem System = new();

    // Exponent 2.5 (fitted), drag coefficient 0.3, logarithm base 3 (fitted).
    private static readonly double[] P = { 2.5, 0.3, 3.0 };

    /// <summary>Zero base, drag at rest, atan2 and ∛ at the origin, Min and Max on a tie.</summary>
    private static readonly double[] AtEdges = { 0, 0, 0, 0, 1 };

    [Fact]
    public void Jacobians_at_the_edges_are_the_limits()
    {
        var jy = new double[25];
        var jp = new double[15];
        System.JacobianY(0, AtEdges, P, jy);
        System.JacobianP(0, AtEdges, P, jp);
        Assert.All(jy, v => Assert.True(double.IsFinite(v)));
        Assert.All(jp, v => Assert.True(double.IsFinite(v)));

        // Row 0: d(y0^n + c Hill(y0, 0.5, n)) is 0 in y0 and in n at y0 = 0 (n y0^(n-1) and y0^n ln y0 → 0).
        Assert.Equal(0.0, jy[0]);
        Assert.Equal(0.0, jp[0]);
        // Rows 1 and 2: |v| v is O(|v|²), so its derivative at rest is 0 (not 0/0 from d√(v·v)).
        for (int j = 0; j < 5; j++) Assert.Equal(0.0, jy[5 + j]);
        Assert.Equal(0.0, jy[10 + 2]);
        // d(∛(y³) y) = 2 y = 0 at 0, where d∛ alone is ∞ and its tangent is 0.
        Assert.Equal(0.0, jy[10 + 3]);
        // Row 3: atan2 at the origin has zero partials (PyTorch's convention); Min on a tie follows its first
        // argument (1), Max on a tie its first (y3 = 0 here, times y4's 1 · y3 = 0).
        Assert.Equal(0.0, jy[15 + 1]);
        Assert.Equal(0.0, jy[15 + 2]);
        Assert.Equal(1.0, jy[15 + 4]);
        Assert.Equal(1.0, jy[15 + 3]); // Max(y4, 1) = 1
        // Row 4: d log_b(y4 + 1) = 1 / ((y4 + 1) ln b); d/db = -ln(y4 + 1) / (b ln² b); Sign and Floor have derivative 0.
        Assert.Equal(1.0 / (2.0 * Math.Log(3.0)), jy[20 + 4], 14);
        Assert.Equal(-Math.Log(2.0) / (3.0 * Math.Log(3.0) * Math.Log(3.0)), jp[12 + 2], 14);
        Assert.Equal(0.0, jy[20 + 3]);
    }

    [Fact]
    public void Jvp_and_Vjp_at_the_edges_are_finite_and_transposes()
    {
        var random = new Random(7);
        for (int trial = 0; trial < 20; trial++)
        {
            var vy = DerivativeChecks.RandomVector(random, 5);
            var vp = DerivativeChecks.RandomVector(random, 3);
            var w = DerivativeChecks.RandomVector(random, 5);
            // Zero tangents and cotangents in some components: 0 · ∞ must not appear.
            vy[trial % 5] = 0;
            w[(trial + 2) % 5] = 0;
            var jv = new double[5];
            System.Jvp(0, AtEdges, P, vy, vp, 0, Span<double>.Empty, jv);
            var wJy = new double[5];
            var wJp = new double[3];
            System.Vjp(0, AtEdges, P, w, Span<double>.Empty, wJy, wJp);
            Assert.All(jv, v => Assert.True(double.IsFinite(v), "Jvp gave " + v));
            Assert.All(wJy, v => Assert.True(double.IsFinite(v), "Vjp gave " + v));
            Assert.All(wJp, v => Assert.True(double.IsFinite(v), "Vjp gave " + v));
            double left = w.Zip(jv, (a, b) => a * b).Sum();
            double right = wJy.Zip(vy, (a, b) => a * b).Sum() + wJp.Zip(vp, (a, b) => a * b).Sum();
            Assert.Equal(left, right, 12);
        }
    }

    [Fact]
    public void Fitted_exponent_at_a_zero_base_matches_one_sided_differences()
    {
        // Along directions that keep y0 ≥ 0 (Pow of a negative base is NaN), forward differences of Forward
        // converge to the Jvp at y0 = 0: h^1.5-small for the base, exactly 0 for the exponent.
        var random = new Random(3);
        var f0 = new double[5];
        var f1 = new double[5];
        System.Forward(0, AtEdges, P, f0);
        for (int trial = 0; trial < 10; trial++)
        {
            var vy = new double[5];
            vy[0] = random.NextDouble();
            var vp = new[] { random.NextDouble() - 0.5, random.NextDouble() - 0.5, 0 };
            var jv = new double[5];
            System.Jvp(0, AtEdges, P, vy, vp, 0, Span<double>.Empty, jv);
            const double h = 1e-6;
            var y = AtEdges.Select((v, i) => v + h * vy[i]).ToArray();
            var p = P.Select((v, i) => v + h * vp[i]).ToArray();
            System.Forward(0, y, p, f1);
            Assert.Equal((f1[0] - f0[0]) / h, jv[0], 6);
            Assert.Equal(0.0, jv[0]);
        }
    }

    [Fact]
    public void Near_the_edges_every_derivative_matches_finite_differences()
    {
        // Just inside the domain for the zero base, the cube root and the tie (the difference steps reach 2e-3);
        // atan2 a little farther from its singular origin, whose 1/r derivatives would swamp the differences.
        var random = new Random(11);
        for (int k = 0; k < 25; k++)
        {
            var y = new[] { 0.005 + 0.01 * random.NextDouble(), 0.1 + 0.1 * random.NextDouble(), -0.1 - 0.1 * random.NextDouble(),
                0.005 + 0.01 * random.NextDouble(), 1.005 + 0.01 * random.NextDouble() };
            DerivativeChecks.AtPoint(System, Edges.Rhs, 0, y, P, random);
        }
    }

    [Fact]
    public void Log_with_a_base_is_the_users_value_bit_for_bit_at_special_bases()
    {
        // Math.Log(a, b) is NaN for b = 1, and for b = 0 or +∞ unless a = 1; the generated Forward follows it.
        double[] bases = { 1, 0, double.PositiveInfinity, 0.5, 10, double.NaN };
        double[] arguments = { 0, 1, 2.5 };
        var expected = new double[5];
        var actual = new double[5];
        foreach (double b in bases)
            foreach (double a in arguments)
            {
                var y = new[] { 0, 0, 0, 0, a - 1 };
                var p = new[] { 2.5, 0.3, b };
                Edges.Rhs(0, y, p, expected);
                System.Forward(0, y, p, actual);
                Assert.True(double.IsNaN(expected[4]) ? double.IsNaN(actual[4]) : BitConverter.DoubleToInt64Bits(expected[4]) == BitConverter.DoubleToInt64Bits(actual[4]),
                    $"log_{b}({a}): the method gives {expected[4]:R}, Forward {actual[4]:R}");
            }
    }
}

/// <summary>Where the derivative is infinite at the end of a domain: ±∞ for a moving argument, 0 for a still one.</summary>
public class DomainEndDerivativeTests
{
    private static readonly DomainEnds.RhsSystem System = new();
    private static readonly double[] P = { 0.7 };

    // asin and acos at 1, √, y^0.5, y^0 and ∛ at 0, Ceiling at its jump.
    private static readonly double[] AtEnds = { 1, 0, 0, 0 };

    [Fact]
    public void A_still_argument_at_the_end_of_its_domain_contributes_zero()
    {
        // Only y1 and p move: asin, acos, √, y^0.5 and ∛ see a zero tangent and contribute 0, not 0 · ∞ = NaN.
        var jv = new double[4];
        System.Jvp(0, AtEnds, P, new[] { 0, 1.5, 0, 0 }, new[] { 0.3 }, 0, Span<double>.Empty, jv);
        // d(acos(y0) y1) = acos(1) dy1 = 0; d(√y2 y1 + p y1) = √0 dy1 + y1 dp + p dy1; d(⌈y3⌉ y1) = ⌈0⌉ dy1 = 0.
        Assert.Equal(new[] { 0.0, 0.0, 0.7 * 1.5, 0.0 }, jv);

        // The transpose: a cotangent that reaches acos and √ only through a zero factor y1 contributes 0 there.
        var wJy = new double[4];
        var wJp = new double[1];
        System.Vjp(0, AtEnds, P, new[] { 0, 2.0, 0, 0 }, Span<double>.Empty, wJy, wJp);
        Assert.Equal(new[] { 0.0, 0.0, 0.0, 0.0 }, wJy);
        Assert.Equal(0.0, wJp[0]);
        System.Vjp(0, AtEnds, P, new[] { 0, 0, 1.0, 0 }, Span<double>.Empty, wJy, wJp);
        Assert.Equal(new[] { 0.0, 0.7, double.PositiveInfinity, 0.0 }, wJy); // y2^0.5 at 0: +∞, the one-sided derivative
        Assert.Equal(0.0, wJp[0]);
    }

    [Fact]
    public void A_moving_argument_at_the_end_of_its_domain_has_the_one_sided_derivative()
    {
        var jv = new double[4];
        // asin at 1 from below: the derivative 1 / √(1 - y²) → +∞; √y2 and y2^0.5 at 0 from above: +∞; ∛ at 0: +∞.
        System.Jvp(0, AtEnds, P, new[] { -1.0, 0, 0, 0 }, new[] { 0.0 }, 0, Span<double>.Empty, jv);
        Assert.Equal(double.NegativeInfinity, jv[0]);
        System.Jvp(0, new[] { 1.0, 1.0, 0, 0 }, P, new[] { 0, 0, 1.0, 1.0 }, new[] { 0.0 }, 0, Span<double>.Empty, jv);
        Assert.Equal(double.PositiveInfinity, jv[2]);
        Assert.Equal(double.PositiveInfinity, jv[3]);
        // Not covered: an infinite partial times a zero factor (√y2 · y1 at y1 = 0 moving y2) is NaN, as in JAX and PyTorch.
    }

    [Fact]
    public void Away_from_the_ends_every_derivative_matches_finite_differences()
    {
        var random = new Random(5);
        for (int k = 0; k < 25; k++)
        {
            var y = new[] { 0.2 + 0.5 * random.NextDouble(), random.NextDouble() - 0.5, 0.05 + random.NextDouble(), 0.05 + 0.9 * random.NextDouble() };
            DerivativeChecks.AtPoint(System, DomainEnds.Rhs, 0, y, P, random);
        }
    }
}
