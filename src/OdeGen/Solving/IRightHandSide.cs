using System;

namespace OdeGen;

/// <summary>
/// The lowest-level view of an ODE right-hand side used by the steppers: <c>dy = f(t, y)</c> with any
/// parameters already bound. Steppers take it as a generic struct parameter so the JIT specializes them;
/// gradient methods supply their own augmented right-hand sides through the same interface.
/// </summary>
internal interface IRightHandSide
{
    /// <summary>Length of the state.</summary>
    int Size { get; }

    /// <summary><c>dy = f(t, y)</c>.</summary>
    void Evaluate(double t, ReadOnlySpan<double> y, Span<double> dy);

    /// <summary>What component <paramref name="index"/> of the state is, for failure messages (<c>y[3]</c>, <c>dL/dy[1]</c>).</summary>
    string ComponentName(int index);
}

/// <summary>A right-hand side that also provides <c>df/dy</c> (dense, row-major) and <c>df/dt</c>, as stiff solvers need.</summary>
internal interface IJacobianRightHandSide : IRightHandSide
{
    /// <summary>Dense row-major <c>df/dy</c>, <c>Size x Size</c>.</summary>
    void JacobianY(double t, ReadOnlySpan<double> y, Span<double> jac);

    /// <summary><c>df/dt</c>.</summary>
    void TimeDerivative(double t, ReadOnlySpan<double> y, Span<double> dfdt);

    /// <summary>
    /// Whether <see cref="JacobianVector"/> computes <c>(df/dy) v</c> through f's own operations (the system's JVP),
    /// which keeps what the assembled matrix loses to rounding: a linear invariant <c>cᵀf = 0</c> holds for it to the
    /// rounding of the result, not of J's largest entries. Rosenbrock stages are refined with it.
    /// </summary>
    bool HasJacobianVector { get; }

    /// <summary><c>jv = (df/dy) v</c> at (<paramref name="t"/>, <paramref name="y"/>); only when <see cref="HasJacobianVector"/>.</summary>
    void JacobianVector(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> v, Span<double> jv);
}
