namespace OdeGen.Samples.Classifier;

/// <summary>
/// The sizes shared by the three models, after Chen et al. (2018, section 7.1) scaled down: a 28 x 28 grey image is
/// downsampled by two stride-2 convolutions to <see cref="Channels"/> feature maps of 7 x 7, transformed by the
/// residual stack or the ODE block on that shape, and classified by a linear layer on the flattened maps.
/// </summary>
/// <remarks>
/// The sizes are constants because the generator differentiates loops whose bounds it knows at compile time; a
/// different width is a different compiled network: <c>Channels</c>, the feature maps of the block, comes from the
/// build property <c>ClassifierChannels</c> (8 by default; <c>-p:ClassifierChannels=64</c> for Chen et al.'s width).
/// </remarks>
public static partial class Architecture
{
    /// <summary>Input image side.</summary>
    public const int ImageSide = 28;

    /// <summary>Pixels of an input image.</summary>
    public const int ImageSize = ImageSide * ImageSide;

    /// <summary>Side of the maps after the first stride-2 convolution.</summary>
    public const int HalfSide = ImageSide / 2;

    /// <summary>Side of the feature maps the block transforms.</summary>
    public const int Side = HalfSide / 2;

    /// <summary>The block's state: <see cref="Channels"/> maps of <see cref="Side"/> x <see cref="Side"/>, channel after channel.</summary>
    public const int FeatureSize = Channels * Side * Side;

    /// <summary>Output classes.</summary>
    public const int Classes = 10;
}
