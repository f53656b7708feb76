using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using OdeGen.Generator.Diagnostics;

namespace OdeGen.Generator.Parsing;

/// <summary>The roles of the dynamics method's parameters (<see cref="Parameters"/> is null without p).</summary>
/// <remarks>A [Differentiable] span layer <c>F(x, p, y)</c> has no <see cref="Time"/>; x plays y's role and y plays dy's.</remarks>
internal sealed record Signature(IParameterSymbol? Time, IParameterSymbol State, IParameterSymbol? Parameters, IParameterSymbol Derivative);

/// <summary>Checks the two accepted signatures (ODE0001) and that every containing type is partial (ODE0002).</summary>
internal static class SignatureChecker
{
    public static Signature? Check(IMethodSymbol method, MethodDeclarationSyntax syntax, List<DiagnosticInfo> diagnostics, bool layer = false)
    {
        var location = syntax.Identifier.GetLocation();
        string? problem = layer ? LayerProblem(method) : Problem(method);
        if (problem is not null)
        {
            diagnostics.Add(DiagnosticInfo.Create(layer ? Descriptors.WrongLayerSignature : Descriptors.WrongSignature, location, method.Name, problem));
            return null;
        }

        bool partialOk = true;
        string structName = method.Name + (layer ? "Function" : "System");
        for (var type = method.ContainingType; type is not null; type = type.ContainingType)
        {
            bool isPartial = type.DeclaringSyntaxReferences
                .Select(r => r.GetSyntax())
                .OfType<TypeDeclarationSyntax>()
                .Any(t => t.Modifiers.Any(SyntaxKind.PartialKeyword));
            if (!isPartial)
            {
                var typeSyntax = type.DeclaringSyntaxReferences.Select(r => r.GetSyntax()).OfType<TypeDeclarationSyntax>().FirstOrDefault();
                var typeLocation = typeSyntax?.Identifier.GetLocation() ?? location;
                diagnostics.Add(DiagnosticInfo.Create(Descriptors.TypeNotPartial, typeLocation, type.Name, structName));
                partialOk = false;
            }
        }
        if (!partialOk) return null;

        // Another [OdeDynamics] overload declared earlier, or a member of the same name, already takes the struct's name.
        string attribute = layer ? DynamicsParser.DifferentiableAttribute : DynamicsParser.DynamicsAttribute;
        var rivals = method.ContainingType.GetMembers(method.Name).OfType<IMethodSymbol>()
            .Where(m => !SymbolEqualityComparer.Default.Equals(m, method) && m.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == attribute))
            .Where(m => !layer || IsSpanLayer(m))
            .Where(m => m.Locations.FirstOrDefault() is { } other && other.SourceSpan.Start < location.SourceSpan.Start);
        var rival = rivals.FirstOrDefault();
        var other = method.ContainingType.GetMembers(structName).FirstOrDefault(m => !m.IsImplicitlyDeclared);
        if (rival is not null || method.ContainingType.Name == structName || other is not null)
        {
            string where = rival is not null ? "by another " + (layer ? "[Differentiable]" : "[OdeDynamics]") + " method, " + At(rival)
                : other is not null ? At(other)
                : "as the name of the type that holds '" + method.Name + "'";
            diagnostics.Add(DiagnosticInfo.Create(Descriptors.DuplicateSystem, location, structName, method.Name, where));
            return null;
        }

        var ps = method.Parameters;
        if (layer)
            return ps.Length == 3 ? new Signature(null, ps[0], ps[1], ps[2]) : new Signature(null, ps[0], null, ps[1]);
        return ps.Length == 4
            ? new Signature(ps[0], ps[1], ps[2], ps[3])
            : new Signature(ps[0], ps[1], null, ps[2]);
    }

    private static string? Problem(IMethodSymbol method)
    {
        if (!method.IsStatic) return "it is not static";
        if (!method.ReturnsVoid) return "it returns '" + method.ReturnType.ToDisplayString() + "' instead of void";
        if (method.IsGenericMethod) return "it is generic";
        var ps = method.Parameters;
        if (ps.Length != 3 && ps.Length != 4) return "it has " + ps.Length + " parameters instead of 3 or 4";
        var expected = ps.Length == 4
            ? new[] { "double", "System.ReadOnlySpan<double>", "System.ReadOnlySpan<double>", "System.Span<double>" }
            : new[] { "double", "System.ReadOnlySpan<double>", "System.Span<double>" };
        for (int i = 0; i < ps.Length; i++)
        {
            string actual = ps[i].Type.ToDisplayString();
            if (actual != expected[i] || ps[i].RefKind != RefKind.None)
                return "parameter '" + ps[i].Name + "' is '" + (ps[i].RefKind == RefKind.None ? "" : ps[i].RefKind.ToString().ToLowerInvariant() + " ") + actual + "' where '" + expected[i] + "' is expected";
        }
        return null;
    }

    /// <summary>"at File.cs(line)" for a symbol's first declaration.</summary>
    private static string At(ISymbol symbol)
    {
        var declared = symbol.Locations.FirstOrDefault(l => l.IsInSource);
        if (declared is null) return "in a referenced assembly";
        var span = declared.GetLineSpan();
        return "at " + System.IO.Path.GetFileName(span.Path) + "(" + (span.StartLinePosition.Line + 1) + ")";
    }

    /// <summary>
    /// Whether a [Differentiable] method is a span layer (it returns void: its result is written into y) rather than a
    /// scalar helper, which returns its value and is only inlined where it is called.
    /// </summary>
    public static bool IsSpanLayer(IMethodSymbol method) => method.ReturnsVoid;

    private static string? LayerProblem(IMethodSymbol method)
    {
        if (!method.IsStatic) return "it is not static";
        if (method.IsGenericMethod) return "it is generic";
        var ps = method.Parameters;
        if (ps.Length != 2 && ps.Length != 3) return "it has " + ps.Length + " parameters instead of (x, p, y) or (x, y)";
        var expected = ps.Length == 3
            ? new[] { "System.ReadOnlySpan<double>", "System.ReadOnlySpan<double>", "System.Span<double>" }
            : new[] { "System.ReadOnlySpan<double>", "System.Span<double>" };
        for (int i = 0; i < ps.Length; i++)
        {
            string actual = ps[i].Type.ToDisplayString();
            if (actual != expected[i] || ps[i].RefKind != RefKind.None)
                return "parameter '" + ps[i].Name + "' is '" + (ps[i].RefKind == RefKind.None ? "" : ps[i].RefKind.ToString().ToLowerInvariant() + " ") + actual + "' where '" + expected[i] + "' is expected";
        }
        return null;
    }
}
