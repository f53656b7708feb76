using System;
using System.Numerics;

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

    /// <summary>
    /// True when the lane kernels (<see cref="ForwardLanes"/>, <see cref="JvpLanes"/>, <see cref="VjpAccumulateLanes"/>)
    /// are implemented: generated layers whose programs have no branch on the input. <see cref="DifferentiableBatch"/>
    /// then runs <see cref="Lanes.Count"/> inputs per SIMD vector.
    /// </summary>
    bool HasLanes => false;

    /// <summary>
    /// <see cref="Forward"/> on <see cref="Lanes.Count"/> inputs at once: element <c>k</c> of <paramref name="x"/> holds
    /// element <c>k</c> of every input, one per lane; p is shared.
    /// </summary>
    void ForwardLanes(ReadOnlySpan<Vector<double>> x, ReadOnlySpan<double> p, Span<Vector<double>> y)
        => throw NoLanes(nameof(ForwardLanes));

    /// <summary><see cref="Jvp"/> on <see cref="Lanes.Count"/> inputs at once (see <see cref="ForwardLanes"/>); vp is shared.</summary>
    void JvpLanes(ReadOnlySpan<Vector<double>> x, ReadOnlySpan<double> p, ReadOnlySpan<Vector<double>> vx, ReadOnlySpan<double> vp,
                  Span<Vector<double>> y, Span<Vector<double>> jv)
        => throw NoLanes(nameof(JvpLanes));

    /// <summary>
    /// <see cref="VjpAccumulate"/> on <see cref="Lanes.Count"/> inputs at once (see <see cref="ForwardLanes"/>): adds each
    /// input's <c>wᵀ dF/dx</c> into its lane of <paramref name="wJx"/> and its <c>wᵀ dF/dp</c> into its lane of
    /// <paramref name="wJp"/> (one vector per parameter; the caller sums the lanes).
    /// </summary>
    void VjpAccumulateLanes(ReadOnlySpan<Vector<double>> x, ReadOnlySpan<double> p, ReadOnlySpan<Vector<double>> w,
                            Span<Vector<double>> y, Span<Vector<double>> wJx, Span<Vector<double>> wJp)
        => throw NoLanes(nameof(VjpAccumulateLanes));

    private static NotSupportedException NoLanes(string member) => new(
        $"{member} is generated for [Differentiable] layers that do not branch on the input; check HasLanes before calling it.");
}
