using System;
using OdeGen.Training;

namespace OdeGen.Samples.Classifier;

/// <summary>
/// The ResNet of Chen et al.'s table: <see cref="Depth"/> residual blocks <c>h ← h + f(0, h, θ_k)</c> (He et al. 2016),
/// each with its own parameters, where <c>f</c> is the ODE block's function (<see cref="OdeBlock.Dynamics"/>) at
/// <c>t = 0</c>, differentiated by the generator. Backpropagation keeps every block's input: memory grows with the
/// depth, <c>O(L)</c>.
/// </summary>
public sealed class ResidualStack(int depth) : IFeatureBlock
{
    private static readonly OdeBlock.DynamicsSystem F = new();

    /// <summary>Residual blocks (Chen et al. use 6).</summary>
    public int Depth { get; } = depth >= 1 ? depth : throw new ArgumentOutOfRangeException(nameof(depth));

    public string Name => "ResNet";

    public int ParameterSize => Depth * OdeBlock.ParameterCount;

    public int TrainedParameters => Depth * (OdeBlock.ParameterCount - OdeBlock.TimeWeights);

    public void Initialize(Span<double> p, Random random)
    {
        for (int k = 0; k < Depth; k++) OdeBlockParameters.Initialize(Block(p, k), random);
    }

    public Evaluations Forward(ReadOnlySpan<double> h0, int batch, ReadOnlySpan<double> p, Span<double> h1)
    {
        var system = new BatchedSystem<OdeBlock.DynamicsSystem>(F, batch);
        h0.CopyTo(h1);
        var dh = new double[batch * Architecture.FeatureSize];
        for (int k = 0; k < Depth; k++)
        {
            system.Forward(0, h1, Block(p, k), dh);
            for (int i = 0; i < dh.Length; i++) h1[i] += dh[i];
        }
        return new Evaluations(Depth, 0);
    }

    public Evaluations Gradient(ReadOnlySpan<double> h0, int batch, ReadOnlySpan<double> p, FeatureLoss loss,
                                Span<double> dLdh0, Span<double> dLdp)
    {
        // The whole batch at once, on the block's lane kernels (several images per SIMD vector).
        var system = new BatchedSystem<OdeBlock.DynamicsSystem>(F, batch);
        int size = batch * Architecture.FeatureSize;
        // The input of every block, kept for the backward pass.
        var inputs = new double[Depth + 1][];
        inputs[0] = h0.ToArray();
        var dh = new double[size];
        for (int k = 0; k < Depth; k++)
        {
            system.Forward(0, inputs[k], Block(p, k), dh);
            var next = inputs[k + 1] = new double[size];
            for (int i = 0; i < size; i++) next[i] = inputs[k][i] + dh[i];
        }

        var g = new double[size];
        loss(inputs[Depth], g);
        dLdp.Clear();
        var w = new double[size];
        for (int k = Depth - 1; k >= 0; k--)
        {
            // dL/dh_k = dL/dh_(k+1) (I + ∂f/∂h): the identity path plus the VJP, added in place.
            g.CopyTo(w);
            system.VjpAccumulate(0, inputs[k], Block(p, k), w, Span<double>.Empty, g, Block(dLdp, k));
        }
        g.CopyTo(dLdh0);
        return new Evaluations(Depth, Depth);
    }

    private static Span<double> Block(Span<double> p, int k) => p.Slice(k * OdeBlock.ParameterCount, OdeBlock.ParameterCount);

    private static ReadOnlySpan<double> Block(ReadOnlySpan<double> p, int k) => p.Slice(k * OdeBlock.ParameterCount, OdeBlock.ParameterCount);
}

/// <summary>He initialization of the block's convolutions (fan-in: the input channels times 3 x 3; the fans as a dense layer of those inputs would have them), zero biases.</summary>
public static class OdeBlockParameters
{
    public static void Initialize(Span<double> p, Random random)
    {
        const int fanIn = (Architecture.Channels + 1) * 9, fanOut = Architecture.Channels;
        Initialization.HeNormal(p.Slice(0, OdeBlock.ConvWeights), fanIn, fanOut, random);
        p.Slice(OdeBlock.ConvWeights, Architecture.Channels).Clear();
        // The last convolution starts small, so each block starts near the identity map (as zero-initialized
        // last layers of residual branches do, Goyal et al. 2017).
        Initialization.HeNormal(p.Slice(OdeBlock.ConvParameters, OdeBlock.ConvWeights), fanIn, fanOut, random, gain: 0.1);
        p.Slice(OdeBlock.ConvParameters + OdeBlock.ConvWeights, Architecture.Channels).Clear();
    }
}
