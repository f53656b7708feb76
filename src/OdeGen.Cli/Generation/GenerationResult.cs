using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace OdeGen.Cli.Generation;

/// <summary>The generator's run over one file.</summary>
/// <param name="Source">The file as parsed.</param>
/// <param name="Output">The file's compilation with the generated code added.</param>
/// <param name="Diagnostics">Warnings and errors, in the order of the file: the generator's, the compiler's errors, and the compiler's warnings in generated code.</param>
/// <param name="Systems">The file's <c>[OdeDynamics]</c> methods, in the order of the file.</param>
internal sealed record GenerationResult(
    SyntaxTree Source,
    Compilation Output,
    IReadOnlyList<Diagnostic> Diagnostics,
    IReadOnlyList<DynamicsSystem> Systems)
{
    /// <summary>Prefix of the generator's diagnostic ids.</summary>
    private const string GeneratorIdPrefix = "ODE";

    /// <summary>
    /// The systems named by <paramref name="methodName"/> (all when it is null) and the diagnostics that are
    /// not only about other systems.
    /// </summary>
    public (IReadOnlyList<DynamicsSystem> Systems, IReadOnlyList<Diagnostic> Diagnostics) Select(string? methodName)
    {
        if (methodName is null) return (Systems, Diagnostics);
        var selected = Systems.Where(s => s.IsNamed(methodName)).ToList();
        var diagnostics = Diagnostics.Where(d => Owners(d) is not { Count: > 0 } owners || owners.Any(selected.Contains)).ToList();
        return (selected, diagnostics);
    }

    /// <summary>
    /// The systems a diagnostic is about: the one whose generated code it is in; for the generator's own
    /// diagnostics in the file, the one whose method it is in, or else every system declared in the innermost
    /// type declaration that holds it (where "type is not partial" points). Empty when it concerns the whole file.
    /// </summary>
    private IReadOnlyList<DynamicsSystem> Owners(Diagnostic diagnostic)
    {
        var tree = diagnostic.Location.SourceTree;
        if (tree is null) return [];
        if (tree != Source) return Systems.Where(s => s.Generated == tree).ToList();
        if (!diagnostic.Id.StartsWith(GeneratorIdPrefix, System.StringComparison.Ordinal)) return [];

        TextSpan span = diagnostic.Location.SourceSpan;
        var inMethod = Systems.Where(s => s.MethodSpan.Contains(span)).ToList();
        if (inMethod.Count > 0) return inMethod;
        var innermost = Systems.SelectMany(s => s.TypeSpans).Where(t => t.Contains(span)).OrderBy(t => t.Length).FirstOrDefault();
        return innermost.IsEmpty ? [] : Systems.Where(s => s.TypeSpans.Contains(innermost)).ToList();
    }
}
