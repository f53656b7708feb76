using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using OdeGen.Generator;

namespace OdeGen.Cli.Generation;

/// <summary>
/// Runs the OdeGen generator in process over one C# file, compiled on its own against the shared
/// framework and the OdeGen runtime, with the implicit usings of a new console project.
/// </summary>
internal static class GeneratorRunner
{
    private const string DynamicsAttribute = "OdeGen.OdeDynamicsAttribute";

    private static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    /// <summary>The global usings that the .NET SDK adds to a project with <c>ImplicitUsings</c> enabled.</summary>
    private const string ImplicitUsings =
        "global using System;\nglobal using System.Collections.Generic;\nglobal using System.IO;\nglobal using System.Linq;\n" +
        "global using System.Net.Http;\nglobal using System.Threading;\nglobal using System.Threading.Tasks;\n";

    /// <summary>Parses <paramref name="text"/> as the file <paramref name="path"/>.</summary>
    public static SyntaxTree Parse(string path, string text) =>
        CSharpSyntaxTree.ParseText(text, ParseOptions, path, Encoding.UTF8);

    /// <summary>Runs the generator over <paramref name="source"/>, a tree from <see cref="Parse"/>.</summary>
    public static GenerationResult Run(SyntaxTree source)
    {
        var usings = CSharpSyntaxTree.ParseText(ImplicitUsings, ParseOptions, "ImplicitUsings.cs", Encoding.UTF8);
        bool topLevel = source.GetCompilationUnitRoot().Members.OfType<GlobalStatementSyntax>().Any();
        var compilation = CSharpCompilation.Create(
            "OdeGenInspected",
            new[] { usings, source },
            CompilationReferences.All,
            new CSharpCompilationOptions(
                topLevel ? OutputKind.ConsoleApplication : OutputKind.DynamicallyLinkedLibrary,
                nullableContextOptions: NullableContextOptions.Enable,
                allowUnsafe: true));

        var driver = CSharpGeneratorDriver.Create(new[] { new OdeDynamicsGenerator().AsSourceGenerator() }, parseOptions: ParseOptions)
            .RunGeneratorsAndUpdateCompilation(compilation, out var output, out var generatorDiagnostics);
        var generated = driver.GetRunResult().Results.SelectMany(r => r.GeneratedSources)
            .ToDictionary(s => s.SyntaxTree, s => s.HintName);

        var diagnostics = CompilationWithAnalyzers.GetEffectiveDiagnostics(generatorDiagnostics, output)
            .Concat(output.GetDiagnostics().Where(d =>
                d.Severity == DiagnosticSeverity.Error
                || (d.Severity == DiagnosticSeverity.Warning && d.Location.SourceTree is { } tree && generated.ContainsKey(tree))))
            .Where(d => d.Severity >= DiagnosticSeverity.Warning && !d.IsSuppressed)
            .OrderBy(d => d.Location.SourceTree == source ? 0 : 1)
            .ThenBy(d => d.Location.SourceTree?.FilePath ?? "", System.StringComparer.Ordinal)
            .ThenBy(d => d.Location.SourceSpan.Start)
            .ThenBy(d => d.Id, System.StringComparer.Ordinal)
            .ToList();

        return new GenerationResult(source, output, diagnostics, FindSystems(source, output, generated));
    }

    private static IReadOnlyList<DynamicsSystem> FindSystems(SyntaxTree source, Compilation output, IReadOnlyDictionary<SyntaxTree, string> generated)
    {
        var model = output.GetSemanticModel(source);
        var systems = new List<DynamicsSystem>();
        foreach (var method in source.GetRoot().DescendantNodes().OfType<MethodDeclarationSyntax>())
        {
            if (model.GetDeclaredSymbol(method) is not IMethodSymbol symbol || symbol.ContainingType is null) continue;
            if (!symbol.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == DynamicsAttribute)) continue;

            var structSymbol = symbol.ContainingType.GetTypeMembers(symbol.Name + "System")
                .FirstOrDefault(t => t.DeclaringSyntaxReferences.Any(r => generated.ContainsKey(r.SyntaxTree)));
            var generatedTree = structSymbol?.DeclaringSyntaxReferences.Select(r => r.SyntaxTree).First(generated.ContainsKey);

            string name = TypeChain(symbol.ContainingType) + "." + symbol.Name;
            string ns = symbol.ContainingType.ContainingNamespace is { IsGlobalNamespace: false } n ? n.ToDisplayString() + "." : "";
            systems.Add(new DynamicsSystem(
                name,
                ns + name,
                method.Span,
                method.Ancestors().OfType<TypeDeclarationSyntax>().Reverse().Select(t => t.Span).ToImmutableArray(),
                generatedTree,
                generatedTree is null ? null : generated[generatedTree],
                structSymbol is null ? null : MetadataName(structSymbol)));
        }
        return systems;
    }

    private static string TypeChain(INamedTypeSymbol type) =>
        type.ContainingType is null ? type.Name : TypeChain(type.ContainingType) + "." + type.Name;

    /// <summary>The name reflection knows a type by: <c>Namespace.Outer+Inner</c>.</summary>
    private static string MetadataName(INamedTypeSymbol type) =>
        type.ContainingType is { } outer
            ? MetadataName(outer) + "+" + type.MetadataName
            : (type.ContainingNamespace is { IsGlobalNamespace: false } ns ? ns.ToDisplayString() + "." : "") + type.MetadataName;
}
