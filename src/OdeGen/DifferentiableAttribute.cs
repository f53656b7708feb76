using System;

namespace OdeGen;

/// <summary>
/// Marks a static helper method that <c>[OdeDynamics]</c> methods may call. The generator reads its body under
/// the same rules as a dynamics method and differentiates through it. Two kinds:
/// <list type="bullet">
/// <item>a scalar helper over <c>double</c> arguments returning <c>double</c> (no sizes);</item>
/// <item>a span layer <c>static void F(ReadOnlySpan&lt;double&gt; x, ReadOnlySpan&lt;double&gt; p, Span&lt;double&gt; y)</c>
/// (or <c>F(x, y)</c> without parameters) with <see cref="InputSize"/>, <see cref="OutputSize"/> and
/// <see cref="ParameterSize"/> set: the generator emits a nested <c>FFunction</c> struct implementing
/// <see cref="IDifferentiableFunction"/>.</item>
/// </list>
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class DifferentiableAttribute : Attribute
{
    /// <summary>Length of <c>x</c> for a span layer.</summary>
    public int InputSize { get; set; }

    /// <summary>Length of <c>y</c> for a span layer.</summary>
    public int OutputSize { get; set; }

    /// <summary>Length of <c>p</c> for a span layer; 0 when it has none.</summary>
    public int ParameterSize { get; set; }
}
