using System;

namespace OdeGen;

/// <summary>
/// Marks a static helper method over <c>double</c> arguments that <c>[OdeDynamics]</c> methods may call.
/// The generator reads its body under the same rules as a dynamics method and differentiates through it.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class DifferentiableAttribute : Attribute
{
}
