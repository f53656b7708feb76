using System;
using System.Numerics;

namespace OdeGen;

/// <summary>
/// The right-hand side <c>f(t, y, p)</c> of an ODE <c>dy/dt = f(t, y, p)</c> together with its derivatives.
/// Implemented by the structs the OdeGen generator emits for <c>[OdeDynamics]</c> methods; solvers take it
/// as a generic parameter so that the JIT specializes and inlines it.
/// </summary>
public interface IOdeSystem
{
    /// <summary>Length of <c>y</c> and of <c>dy</c>.</summary>
    int StateSize { get; }

    /// <summary>Length of <c>p</c>; 0 for systems without parameters.</summary>
    int ParameterSize { get; }

    /// <summary><c>dy = f(t, y, p)</c>.</summary>
    void Forward(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> p, Span<double> dy);

    /// <summary>
    /// Jacobian-vector product <c>jv = (df/dy) vy + (df/dp) vp + (df/dt) vt</c>; also writes <c>f</c> into
    /// <paramref name="dy"/> unless it is empty.
    /// </summary>
    void Jvp(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> p,
             ReadOnlySpan<double> vy, ReadOnlySpan<double> vp, double vt,
             Span<double> dy, Span<double> jv);

    /// <summary>
    /// Vector-Jacobian product: overwrites <c>wJy = wᵀ df/dy</c> and <c>wJp = wᵀ df/dp</c> and returns
    /// <c>wᵀ df/dt</c>; also writes <c>f</c> into <paramref name="dy"/> unless it is empty.
    /// </summary>
    double Vjp(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> p,
               ReadOnlySpan<double> w, Span<double> dy, Span<double> wJy, Span<double> wJp);

    /// <summary>Dense row-major <c>df/dy</c>, <c>StateSize x StateSize</c>.</summary>
    void JacobianY(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> p, Span<double> jac);

    /// <summary>Dense row-major <c>df/dp</c>, <c>StateSize x ParameterSize</c>.</summary>
    void JacobianP(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> p, Span<double> jac);

    /// <summary><c>dfdt = ∂f/∂t</c>.</summary>
    void TimeDerivative(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> p, Span<double> dfdt);

    /// <summary>Which entries of <c>df/dy</c> can be non-zero, known at compile time.</summary>
    SparsityPattern JacobianYSparsity { get; }

    /// <summary>
    /// <see cref="Vjp"/> that adds instead of overwriting: <c>wJy += wᵀ df/dy</c> and <c>wJp += wᵀ df/dp</c>;
    /// returns <c>wᵀ df/dt</c> and writes <c>f</c> into <paramref name="dy"/> unless it is empty. A sum of VJPs
    /// that share <c>p</c> (the copies of a <see cref="BatchedSystem{TSystem}"/>) adds each one in place.
    /// </summary>
    /// <remarks>
    /// Generated systems whose dynamics have loops implement it directly (their <see cref="Vjp"/> clears the
    /// outputs and calls it). This default computes <see cref="Vjp"/> into rented arrays and adds them; called
    /// on a struct that does not implement it, it also boxes the struct.
    /// </remarks>
    double VjpAccumulate(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> p,
                         ReadOnlySpan<double> w, Span<double> dy, Span<double> wJy, Span<double> wJp)
    {
        IOdeSystem self = this;
        return VjpAccumulation.ThroughRentedArrays(ref self, t, y, p, w, dy, wJy, wJp);
    }

    /// <summary>
    /// Second-order product (forward over reverse): with <c>jv = (df/dy) vy + (df/dp) vp</c>, writes
    /// <paramref name="jv"/> unless it is empty and overwrites <c>hy = wᵀ ∂jv/∂y</c> and <c>hp = wᵀ ∂jv/∂p</c>.
    /// </summary>
    /// <remarks>
    /// Generated systems implement it exactly, by differentiating their JVP program. A hand-written system that
    /// does not implement it gets this default, which refuses rather than approximating: check
    /// <see cref="HasSecondDerivatives"/> first.
    /// </remarks>
    void JvpVjp(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> p,
                ReadOnlySpan<double> vy, ReadOnlySpan<double> vp, ReadOnlySpan<double> w,
                Span<double> jv, Span<double> hy, Span<double> hp)
        => throw new NotSupportedException(
            $"{GetType().Name} does not implement JvpVjp: second derivatives are generated for [OdeDynamics] systems; " +
            "a hand-written IOdeSystem must implement JvpVjp itself (and return true from HasSecondDerivatives).");

    /// <summary>
    /// <see cref="JvpVjp(double, ReadOnlySpan{double}, ReadOnlySpan{double}, ReadOnlySpan{double}, ReadOnlySpan{double}, ReadOnlySpan{double}, Span{double}, Span{double}, Span{double})"/>
    /// with a time tangent too: <c>jv = (df/dy) vy + (df/dp) vp + (df/dt) vt</c>, and hy, hp its gradients weighted by w.
    /// The reverse of a Rosenbrock step needs it (its stages use <c>df/dt</c>).
    /// </summary>
    /// <remarks>Generated systems implement it exactly. This default serves <c>vt = 0</c> only and refuses otherwise.</remarks>
    void JvpVjp(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> p,
                ReadOnlySpan<double> vy, ReadOnlySpan<double> vp, double vt, ReadOnlySpan<double> w,
                Span<double> jv, Span<double> hy, Span<double> hp)
    {
        if (vt != 0)
            throw new NotSupportedException(
                $"{GetType().Name} does not implement JvpVjp with a time tangent vt; generated systems do. A hand-written IOdeSystem " +
                "whose rate depends on t must implement this overload itself.");
        JvpVjp(t, y, p, vy, vp, w, jv, hy, hp);
    }

    /// <summary>True when <see cref="JvpVjp(double, ReadOnlySpan{double}, ReadOnlySpan{double}, ReadOnlySpan{double}, ReadOnlySpan{double}, ReadOnlySpan{double}, Span{double}, Span{double}, Span{double})"/> is implemented (every generated system); false for the default.</summary>
    bool HasSecondDerivatives => false;

    /// <summary>The divergence <c>tr(∂f/∂y)</c>, exactly.</summary>
    /// <remarks>Generated systems sum only the diagonal entries their sparsity allows; this default takes one
    /// <see cref="Jvp"/> per state component.</remarks>
    double Divergence(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> p)
    {
        IOdeSystem self = this;
        return SecondOrder.DivergenceByJvps(ref self, t, y, p);
    }

    /// <summary>
    /// Returns the divergence <c>tr(∂f/∂y)</c> and overwrites its gradients <c>gy = ∂ tr/∂y</c> and
    /// <c>gp = ∂ tr/∂p</c>, exactly.
    /// </summary>
    /// <remarks>This default sums <see cref="JvpVjp(double, ReadOnlySpan{double}, ReadOnlySpan{double}, ReadOnlySpan{double}, ReadOnlySpan{double}, ReadOnlySpan{double}, Span{double}, Span{double}, Span{double})"/> over the unit vectors, so it needs
    /// <see cref="HasSecondDerivatives"/>.</remarks>
    double DivergenceGradient(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> p, Span<double> gy, Span<double> gp)
    {
        IOdeSystem self = this;
        return SecondOrder.DivergenceGradientByJvpVjps(ref self, t, y, p, gy, gp);
    }

    /// <summary>
    /// True when the lane kernels (<see cref="ForwardLanes"/>, <see cref="JvpLanes"/>, <see cref="VjpAccumulateLanes"/>)
    /// are implemented: generated systems whose dynamics do not branch on the state have them, and
    /// <see cref="BatchedSystem{TSystem}"/> then runs <see cref="Lanes.Count"/> copies at a time on them.
    /// </summary>
    bool HasLanes => false;

    /// <summary>
    /// <see cref="Forward"/> on <see cref="Lanes.Count"/> copies at once that share <paramref name="p"/>: element k of
    /// copy c is lane c of <c>y[k]</c>, and likewise for <paramref name="dy"/>.
    /// </summary>
    void ForwardLanes(double t, ReadOnlySpan<Vector<double>> y, ReadOnlySpan<double> p, Span<Vector<double>> dy)
        => throw NoLanes(nameof(ForwardLanes));

    /// <summary><see cref="Jvp"/> on <see cref="Lanes.Count"/> copies at once (see <see cref="ForwardLanes"/>); vp and vt are shared.</summary>
    void JvpLanes(double t, ReadOnlySpan<Vector<double>> y, ReadOnlySpan<double> p,
                  ReadOnlySpan<Vector<double>> vy, ReadOnlySpan<double> vp, double vt,
                  Span<Vector<double>> dy, Span<Vector<double>> jv)
        => throw NoLanes(nameof(JvpLanes));

    /// <summary>
    /// <see cref="VjpAccumulate"/> on <see cref="Lanes.Count"/> copies at once (see <see cref="ForwardLanes"/>): adds each
    /// copy's <c>wᵀ df/dy</c> into its lane of <paramref name="wJy"/> and its <c>wᵀ df/dp</c> into its lane of
    /// <paramref name="wJp"/> (one vector per parameter; the caller sums the lanes), and returns each copy's <c>wᵀ df/dt</c>.
    /// </summary>
    Vector<double> VjpAccumulateLanes(double t, ReadOnlySpan<Vector<double>> y, ReadOnlySpan<double> p,
                                         ReadOnlySpan<Vector<double>> w, Span<Vector<double>> dy,
                                         Span<Vector<double>> wJy, Span<Vector<double>> wJp)
        => throw NoLanes(nameof(VjpAccumulateLanes));

    /// <summary>
    /// True when <see cref="ForwardLanePair"/> and <see cref="VjpAccumulateLanePair"/> are implemented: generated systems
    /// with lane kernels whose dynamics read weights in loops have them, and <see cref="BatchedSystem{TSystem}"/> then
    /// runs two lane groups per call, so that each weight is read (and its cotangent's lanes loaded and stored) once for
    /// both.
    /// </summary>
    bool HasLanePairs => false;

    /// <summary>
    /// <see cref="ForwardLanes"/> on two lane groups at once: each span holds the first group's <c>StateSize</c> vectors,
    /// then the second's.
    /// </summary>
    void ForwardLanePair(double t, ReadOnlySpan<Vector<double>> y, ReadOnlySpan<double> p, Span<Vector<double>> dy)
        => throw NoLanePairs(nameof(ForwardLanePair));

    /// <summary>
    /// <see cref="VjpAccumulateLanes"/> on two lane groups at once (see <see cref="ForwardLanePair"/>): both groups add
    /// into the same lanes of <paramref name="wJp"/>, and the returned lanes are the sum of the two groups' <c>wᵀ df/dt</c>.
    /// </summary>
    Vector<double> VjpAccumulateLanePair(double t, ReadOnlySpan<Vector<double>> y, ReadOnlySpan<double> p,
                                           ReadOnlySpan<Vector<double>> w, Span<Vector<double>> dy,
                                           Span<Vector<double>> wJy, Span<Vector<double>> wJp)
        => throw NoLanePairs(nameof(VjpAccumulateLanePair));

    /// <summary>
    /// True when <see cref="JvpVjpAccumulateLanes"/> is implemented: generated systems with lane kernels whose
    /// second-order program runs on lanes too.
    /// </summary>
    bool HasSecondOrderLanes => false;

    /// <summary>
    /// <see cref="JvpVjp(double, ReadOnlySpan{double}, ReadOnlySpan{double}, ReadOnlySpan{double}, ReadOnlySpan{double}, double, ReadOnlySpan{double}, Span{double}, Span{double}, Span{double})"/>
    /// on <see cref="Lanes.Count"/> copies at once (see <see cref="ForwardLanes"/>; vp and vt are shared): writes each copy's jv
    /// (unless <paramref name="jv"/> is empty) and <em>adds</em> its <c>wᵀ ∂jv/∂y</c> into its lane of <paramref name="hy"/>
    /// and its <c>wᵀ ∂jv/∂p</c> into its lane of <paramref name="hp"/> (the caller sums the lanes), as
    /// <see cref="VjpAccumulateLanes"/> adds.
    /// </summary>
    void JvpVjpAccumulateLanes(double t, ReadOnlySpan<Vector<double>> y, ReadOnlySpan<double> p,
                               ReadOnlySpan<Vector<double>> vy, ReadOnlySpan<double> vp, double vt, ReadOnlySpan<Vector<double>> w,
                               Span<Vector<double>> jv, Span<Vector<double>> hy, Span<Vector<double>> hp)
        => throw NoLanes(nameof(JvpVjpAccumulateLanes));

    private static NotSupportedException NoLanePairs(string member) => new(
        $"{member} is generated for [OdeDynamics] systems with lane kernels that read weights in loops; check HasLanePairs before calling it.");

    private static NotSupportedException NoLanes(string member) => new(
        $"{member} is generated for [OdeDynamics] systems that do not branch on the state; check HasLanes before calling it.");
}
