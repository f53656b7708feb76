using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace OdeGen.Cli.Generation;

/// <summary>
/// One method marked <c>[OdeDynamics]</c> in the file, and what the generator made of it.
/// </summary>
/// <param name="Name">The containing types and the method, e.g. <c>Lorenz.Rhs</c>.</param>
/// <param name="FullName">The same with its namespace, e.g. <c>Models.Lorenz.Rhs</c>.</param>
/// <param name="MethodSpan">Where the method is in the file.</param>
/// <param name="TypeSpans">Where the declarations of the types containing it are in the file, outermost first.</param>
/// <param name="Generated">The generated file holding its struct, or null when the generator made none (see the diagnostics).</param>
/// <param name="HintName">The generated file's name, or null.</param>
/// <param name="StructMetadataName">The generated struct's name for reflection (<c>Models.Lorenz+RhsSystem</c>), or null.</param>
internal sealed record DynamicsSystem(
    string Name,
    string FullName,
    TextSpan MethodSpan,
    ImmutableArray<TextSpan> TypeSpans,
    SyntaxTree? Generated,
    string? HintName,
    string? StructMetadataName)
{
    /// <summary>
    /// Whether <paramref name="name"/> names this method: its simple name, or a dotted suffix of its full name
    /// (<c>Rhs</c>, <c>Lorenz.Rhs</c>, <c>Models.Lorenz.Rhs</c>).
    /// </summary>
    public bool IsNamed(string name) => FullName == name || FullName.EndsWith("." + name, System.StringComparison.Ordinal);
}
