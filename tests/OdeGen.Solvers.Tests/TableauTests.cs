namespace OdeGen.Solvers.Tests;

/// <summary>Tableaus are validated at construction; their properties are what the methods are known to have.</summary>
public class TableauTests
{
    [Fact]
    public void Every_tableau_is_consistent()
    {
        foreach (var solver in new ExplicitRungeKuttaSolver[] { new Euler(), new Midpoint(), new Rk4(), new Bosh3(), new Dopri5(), new Tsit5(), new Dop853() })
        {
            var t = solver.Tableau;
            double bSum = 0, eSum = 0;
            for (int i = 0; i < t.Stages; i++)
            {
                double row = 0;
                for (int j = 0; j < t.Stages; j++) row += t.A(i, j);
                Assert.Equal(t.C[i], row, 1e-12);
                for (int j = i; j < t.Stages; j++) Assert.Equal(0.0, t.A(i, j));
                bSum += t.B[i];
                eSum += t.ErrorWeights[i];
            }
            Assert.Equal(1.0, bSum, 1e-12);
            Assert.Equal(0.0, eSum, 1e-12);
            Assert.False(string.IsNullOrWhiteSpace(t.Citation));
        }
    }

    [Fact]
    public void Known_properties()
    {
        Assert.True(new Dopri5().Tableau.IsFsal);
        Assert.True(new Tsit5().Tableau.IsFsal);
        Assert.True(new Bosh3().Tableau.IsFsal);
        Assert.False(new Dop853().Tableau.IsFsal);
        Assert.False(new Rk4().IsAdaptive);
        Assert.True(new Dop853().IsAdaptive);
        Assert.Equal(12, new Dop853().Tableau.Stages);
        Assert.Equal(7, new Dopri5().Tableau.Stages);
        Assert.Equal(8, new Dop853().Order);
    }

    [Fact]
    public void Inconsistent_tableaus_are_rejected()
    {
        Assert.Throws<ArgumentException>(() => new ButcherTableau("bad", "none", 2, 0, [0.0, 0.5], [[], [0.4]], [0.0, 1.0], null));
        Assert.Throws<ArgumentException>(() => new ButcherTableau("bad", "none", 2, 0, [0.0, 0.5], [[], [0.5]], [0.1, 1.0], null));
        Assert.Throws<ArgumentException>(() => new ButcherTableau("bad", "none", 2, 1, [0.0, 0.5], [[], [0.5]], [0.0, 1.0], [0.5, 0.0]));
        Assert.Throws<ArgumentException>(() => new ButcherTableau("bad", "none", 2, 0, [0.0, 0.5], [[0.0, 0.0], [0.25, 0.25]], [0.0, 1.0], null));
    }
}
