using System;

namespace OdeGen;

/// <summary>
/// Marks a static method <c>(double t, ReadOnlySpan&lt;double&gt; y, ReadOnlySpan&lt;double&gt; p, Span&lt;double&gt; dy)</c>
/// (or the same without <c>p</c>) as the right-hand side of an ODE. The OdeGen source generator
/// differentiates its body and emits a nested <c>{Method}System</c> struct implementing <see cref="IOdeSystem"/>.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class OdeDynamicsAttribute : Attribute
{
    /// <summary>Length of the state vector; inferred from constant indices when left at 0.</summary>
    public int StateSize { get; set; }

    /// <summary>Length of the parameter vector; inferred from constant indices when left at 0.</summary>
    public int ParameterSize { get; set; }
}
