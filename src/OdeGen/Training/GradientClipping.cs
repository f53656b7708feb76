using System;
using System.Numerics.Tensors;

namespace OdeGen.Training;

/// <summary>
/// Gradient clipping by the global norm (Pascanu, Mikolov &amp; Bengio 2013, "On the difficulty of training recurrent
/// neural networks", ICML, algorithm 1; PyTorch's <c>clip_grad_norm_</c>): when <c>‖g‖₂ &gt; c</c>, <c>g ← g · c / ‖g‖₂</c>,
/// so a single steep batch cannot throw the parameters far while the direction of the step is kept.
/// </summary>
public static class GradientClipping
{
    /// <summary>Scales <paramref name="gradient"/> in place to norm at most <paramref name="maxNorm"/>; returns its norm before clipping.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxNorm"/> is not positive.</exception>
    public static double ClipByNorm(Span<double> gradient, double maxNorm)
    {
        if (!(maxNorm > 0)) throw new ArgumentOutOfRangeException(nameof(maxNorm), maxNorm, "The largest norm must be positive.");
        double norm = TensorPrimitives.Norm((ReadOnlySpan<double>)gradient);
        if (norm > maxNorm) TensorPrimitives.Multiply((ReadOnlySpan<double>)gradient, maxNorm / norm, gradient);
        return norm;
    }
}
