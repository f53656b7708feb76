using System;

namespace OdeGen.Samples.Classifier;

/// <summary>Gives <c>dL/dh₁</c> for the block's output <c>h₁</c> (a batch of feature maps): the head and the loss.</summary>
public delegate void FeatureLoss(ReadOnlySpan<double> h1, Span<double> dLdh1);

/// <summary>Function evaluations of one pass through a block (for the residual stack, one per residual block).</summary>
public readonly record struct Evaluations(int Forward, int Backward);

/// <summary>
/// The middle of a model, between the downsampling stage and the head: it maps a batch of feature maps
/// <c>h₀</c> (sample after sample, each <see cref="Architecture.FeatureSize"/> long) to <c>h₁</c> of the same shape.
/// </summary>
public interface IFeatureBlock
{
    /// <summary>The model's name in the table.</summary>
    string Name { get; }

    /// <summary>Length of the block's part of the parameter vector.</summary>
    int ParameterSize { get; }

    /// <summary>Parameters that take part in the output (the residual stack leaves its time weights inert).</summary>
    int TrainedParameters { get; }

    /// <summary>Fills the block's parameters.</summary>
    void Initialize(Span<double> p, Random random);

    /// <summary><c>h₁</c> from <c>h₀</c>, for evaluation.</summary>
    Evaluations Forward(ReadOnlySpan<double> h0, int batch, ReadOnlySpan<double> p, Span<double> h1);

    /// <summary>
    /// Computes <c>h₁</c>, calls <paramref name="loss"/> for <c>dL/dh₁</c>, and overwrites <paramref name="dLdh0"/> with
    /// <c>dL/dh₀</c> and <paramref name="dLdp"/> with <c>dL/dp</c>.
    /// </summary>
    Evaluations Gradient(ReadOnlySpan<double> h0, int batch, ReadOnlySpan<double> p, FeatureLoss loss,
                         Span<double> dLdh0, Span<double> dLdp);
}
