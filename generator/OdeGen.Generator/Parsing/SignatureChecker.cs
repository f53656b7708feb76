using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using OdeGen.Generator.Diagnostics;

namespace OdeGen.Generator.Parsing;

/// <summary>The roles of the dynamics method's parameters (<see cref="Parameters"/> is null without p).</summary>
internal sealed record Signature(IParameterSymbol Time, IParameterSymbol State, IParameterSymbol? Parameters, IParameterSymbol Derivative);

/// <summary>Checks the two accepted signatures (ODE0001) and that every containing type is partial (ODE0002).</summary>
internal static class SignatureChecker
{
    public static Signature? Check(IMethodSymbol method, MethodDeclarationSyntax syntax, List<DiagnosticInfo> diagnostics)
    {
        var location = syntax.Identifier.GetLocation();
        string? problem = Problem(method);
        if (problem is not null)
        {
            diagnostics.Add(DiagnosticInfo.Create(Descriptors.WrongSignature, location, method.Name, problem));
            return null;
        }

        bool partialOk = true;
        string structName = method.Name + "System";
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
        var rivals = method.ContainingType.GetMembers(method.Name).OfType<IMethodSymbol>()
            .Where(m => !SymbolEqualityComparer.Default.Equals(m, method) && m.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == DynamicsParser.DynamicsAttribute))
            .Where(m => m.Locations.FirstOrDefault() is { } other && other.SourceSpan.Start < location.SourceSpan.Start);
        if (rivals.Any() || method.ContainingType.Name == structName || method.ContainingType.GetMembers(structName).Any(m => !m.IsImplicitlyDeclared))
        {
            diagnostics.Add(DiagnosticInfo.Create(Descriptors.DuplicateSystem, location, structName, method.Name));
            return null;
        }

        var ps = method.Parameters;
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
}
