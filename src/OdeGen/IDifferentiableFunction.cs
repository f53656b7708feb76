using System;

namespace OdeGen;

/// <summary>
/// A differentiable map <c>y = F(x, p)</c> from spans to spans: a layer around an ODE block (a convolution, a
/// downsampling stage, a linear head). The generator emits one, a nested struct named <c>{Method}Function</c>,
/// for every <c>[Differentiable]</c> method with the signature
/// <c>static void F(ReadOnlySpan&lt;double&gt; x, ReadOnlySpan&lt;double&gt; p, Span&lt;double&gt; y)</c>
/// (sizes given on the attribute).
/// </summary>
public interface IDifferentiableFunction
{
    /// <summary>Length of <c>x</c>.</summary>
    int InputSize { get; }

    /// <summary>Length of <c>y</c>.</summary>
    int OutputSize { get; }

    /// <summary>Length of <c>p</c>; 0 for a function without parameters.</summary>
    int ParameterSize { get; }

    /// <summary><c>y = F(x, p)</c>.</summary>
    void Forward(ReadOnlySpan<double> x, ReadOnlySpan<double> p, Span<double> y);

    /// <summary><c>jv = (∂F/∂x) vx + (∂F/∂p) vp</c>; also writes <c>F</c> into <paramref name="y"/> unless it is empty.</summary>
    void Jvp(ReadOnlySpan<double> x, ReadOnlySpan<double> p, ReadOnlySpan<double> vx, ReadOnlySpan<double> vp,
             Span<double> y, Span<double> jv);

    /// <summary>
    /// Overwrites <c>wJx = wᵀ ∂F/∂x</c> and <c>wJp = wᵀ ∂F/∂p</c>; also writes <c>F</c> into <paramref name="y"/>
    /// unless it is empty.
    /// </summary>
    void Vjp(ReadOnlySpan<double> x, ReadOnlySpan<double> p, ReadOnlySpan<double> w,
             Span<double> y, Span<double> wJx, Span<double> wJp);

    /// <summary><see cref="Vjp"/> that adds into <c>wJx</c> and <c>wJp</c> instead of overwriting them.</summary>
    void VjpAccumulate(ReadOnlySpan<double> x, ReadOnlySpan<double> p, ReadOnlySpan<double> w,
                       Span<double> y, Span<double> wJx, Span<double> wJp);
}
