using OdeGen.Tests.Corpus;

namespace OdeGen.Tests;

/// <summary>Where the structure of df/dy is known by hand, the generated pattern is exactly it.</summary>
public class SparsityExactnessTests
{
    [Fact]
    public void Lorenz() => Assert.Equal("██·\n███\n███\n", new Lorenz.RhsSystem().JacobianYSparsity.ToString());

    [Fact]
    public void Robertson() => Assert.Equal("███\n███\n·█·\n", new Robertson.RhsSystem().JacobianYSparsity.ToString());

    [Fact]
    public void Arenstorf() => Assert.Equal("··█·\n···█\n██·█\n███·\n", new Arenstorf.RhsSystem().JacobianYSparsity.ToString());

    [Fact]
    public void ElementWiseCallsKeepElementsApart() => Assert.Equal("██··\n·██·\n··██\n█··█\n", new ElementWise.RhsSystem().JacobianYSparsity.ToString());

    [Fact]
    public void AStoreUnderAConditionOnDoublesMayNotReplaceTheElement() => Assert.Equal("██\n·█\n", new ConditionalStores.RhsSystem().JacobianYSparsity.ToString());

    [Fact]
    public void Oregonator() => Assert.Equal("██·\n███\n█·█\n", new Oregonator.RhsSystem().JacobianYSparsity.ToString());

    [Fact]
    public void PendulumAndDecay()
    {
        Assert.Equal("·█\n██\n", new Pendulum.RhsSystem().JacobianYSparsity.ToString());
        Assert.Equal("█\n", new Decay.RhsSystem().JacobianYSparsity.ToString());
    }

    [Fact]
    public void SizesComeFromIndicesOrTheAttribute()
    {
        Assert.Equal((3, 3), (new Lorenz.RhsSystem().StateSize, new Lorenz.RhsSystem().ParameterSize));
        Assert.Equal((2, 4), (new Pendulum.RhsSystem().StateSize, new Pendulum.RhsSystem().ParameterSize));
        Assert.Equal((2, 0), (new Oscillator.RhsSystem().StateSize, new Oscillator.RhsSystem().ParameterSize));
        Assert.Equal((6, 2), (new AllMath.RhsSystem().StateSize, new AllMath.RhsSystem().ParameterSize));
    }

    [Fact]
    public void ReactionDiffusionIsTridiagonal()
    {
        var pattern = new ReactionDiffusion.RhsSystem().JacobianYSparsity;
        Assert.Equal(3 * ReactionDiffusion.Cells - 2, pattern.NonZeroCount);
        for (int i = 0; i < ReactionDiffusion.Cells; i++)
            for (int j = 0; j < ReactionDiffusion.Cells; j++)
                Assert.Equal(Math.Abs(i - j) <= 1, pattern.IsNonZero(i, j));
    }

    [Fact]
    public void GravityCouplesPositionsToVelocitiesAndAccelerationsToAllPositions()
    {
        var pattern = new Gravity.RhsSystem().JacobianYSparsity;
        for (int i = 0; i < 28; i++)
            for (int j = 0; j < 28; j++)
            {
                // Positions move with their own velocity; each acceleration depends on every position (through r).
                bool expected = i < 14 ? j == i + 14 : j < 14;
                Assert.True(expected == pattern.IsNonZero(i, j), $"entry ({i}, {j})");
            }
    }

    [Fact]
    public void MlpIsDense() => Assert.Equal("██\n██\n", new Mlp.RhsSystem().JacobianYSparsity.ToString());
}
