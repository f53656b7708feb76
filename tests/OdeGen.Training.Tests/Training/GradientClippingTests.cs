namespace OdeGen.Training.Tests.Training;

public class GradientClippingTests
{
    [Fact]
    public void A_gradient_above_the_norm_is_scaled_onto_it_keeping_its_direction()
    {
        double[] g = [3, -4];   // norm 5
        Assert.Equal(5, GradientClipping.ClipByNorm(g, 1), 14);
        Assert.Equal(0.6, g[0], 14);
        Assert.Equal(-0.8, g[1], 14);
    }

    [Fact]
    public void A_gradient_within_the_norm_is_left_alone()
    {
        double[] g = [0.3, 0.4];
        Assert.Equal(0.5, GradientClipping.ClipByNorm(g, 0.5), 14);
        Assert.Equal([0.3, 0.4], g);
        Assert.Throws<ArgumentOutOfRangeException>(() => GradientClipping.ClipByNorm(g, 0));
    }
}
