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
}
