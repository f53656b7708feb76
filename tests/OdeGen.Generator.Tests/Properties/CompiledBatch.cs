using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace OdeGen.Generator.Tests.Properties;

/// <summary>The user's dynamics method, called directly rather than through the generated Forward.</summary>
internal delegate void UserRhs(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> p, Span<double> dy);

internal delegate void UserRhsWithoutParameters(double t, ReadOnlySpan<double> y, Span<double> dy);

/// <summary>
/// Several generated programs in one source file (class C{k} in namespace <c>Batch{n}</c>), run through the
/// generator, compiled and loaded into a collectible load context. Fails with the offending program's
/// seed and source when the generator reports an error or its output does not compile.
/// </summary>
internal sealed class CompiledBatch : IDisposable
{
    private readonly AssemblyLoadContext _context;
    private readonly Assembly _assembly;
    private readonly IReadOnlyList<string> _generatedSources;

    private CompiledBatch(string name, IReadOnlyList<DynamicsProgram> programs, AssemblyLoadContext context, Assembly assembly, IReadOnlyList<string> generatedSources)
    {
        Namespace = name;
        Programs = programs;
        _context = context;
        _assembly = assembly;
        _generatedSources = generatedSources;
    }

    public string Namespace { get; }

    public IReadOnlyList<DynamicsProgram> Programs { get; }

    public static string ClassName(int k) => "C" + k;

    public static string Source(string name, IReadOnlyList<DynamicsProgram> programs) =>
        GeneratorHarness.Usings + "namespace " + name + ";\n\n" +
        string.Join("\n", programs.Select((program, k) => ProgramPrinter.Class(program, ClassName(k))));

    public static CompiledBatch Build(string name, IReadOnlyList<DynamicsProgram> programs)
    {
        string source = Source(name, programs);
        var result = GeneratorHarness.Run(source);

        var generatorErrors = result.GeneratorDiagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        if (generatorErrors.Count > 0)
            Assert.Fail("The generator rejected valid dynamics:\n" + Describe(generatorErrors, programs, result.GeneratedSources));
        var compilerErrors = result.CompilerErrors.ToList();
        if (compilerErrors.Count > 0)
            Assert.Fail("The generator's output does not compile:\n" + Describe(compilerErrors, programs, result.GeneratedSources));

        using var image = new MemoryStream();
        var emitted = result.Output.WithAssemblyName(name).Emit(image);
        if (!emitted.Success)
            Assert.Fail("Emit failed:\n" + Describe(emitted.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList(), programs, result.GeneratedSources));
        image.Position = 0;
        // Collectible, so that 150 programs do not pile up; OdeGen itself resolves to the test's own copy,
        // so the generated structs implement the same IOdeSystem the test casts to.
        var context = new AssemblyLoadContext(name, isCollectible: true);
        return new CompiledBatch(name, programs, context, context.LoadFromStream(image), result.GeneratedSources);
    }

    public IOdeSystem System(int k)
    {
        var type = _assembly.GetType(Namespace + "." + ClassName(k) + "+" + ProgramPrinter.MethodName + "System")
            ?? throw new InvalidOperationException("no generated struct for " + ClassName(k) + "\n" + Program(k));
        return (IOdeSystem)Activator.CreateInstance(type)!;
    }

    public UserRhs User(int k)
    {
        var method = _assembly.GetType(Namespace + "." + ClassName(k))!.GetMethod(ProgramPrinter.MethodName)!;
        if (Programs[k].HasParameters) return method.CreateDelegate<UserRhs>();
        var without = method.CreateDelegate<UserRhsWithoutParameters>();
        return (t, y, _, dy) => without(t, y, dy);
    }

    /// <summary>The seed, the user's method and the generated struct of program k, for failure messages.</summary>
    public string Program(int k) =>
        Describe(Programs[k], ClassName(k)) + "\ngenerated:\n" + (GeneratedFor(_generatedSources, ClassName(k)) ?? "(none)");

    public static string Describe(DynamicsProgram program, string className) =>
        "seed " + program.Seed + " (reproduce with " + program.Family + ".Generate(" + program.Seed + "))\nsource:\n" + ProgramPrinter.Class(program, className);

    private static string? GeneratedFor(IEnumerable<string> sources, string className) =>
        sources.FirstOrDefault(s => s.Contains("partial class " + className + "\n", StringComparison.Ordinal) || s.Contains("partial class " + className + "\r", StringComparison.Ordinal));

    /// <summary>Each diagnostic with the program (seed and source) of the class it points into.</summary>
    private static string Describe(IReadOnlyList<Diagnostic> diagnostics, IReadOnlyList<DynamicsProgram> programs, IReadOnlyList<string> generated)
    {
        var text = new StringBuilder();
        foreach (var diagnostic in diagnostics.Take(5))
        {
            text.Append(diagnostic).Append('\n');
            var tree = diagnostic.Location.SourceTree;
            var node = tree?.GetRoot().FindNode(diagnostic.Location.SourceSpan);
            string? className = node?.AncestorsAndSelf().OfType<ClassDeclarationSyntax>().LastOrDefault()?.Identifier.Text;
            int k = className is not null && className.StartsWith('C') && int.TryParse(className.AsSpan(1), out int parsed) ? parsed : -1;
            if (k >= 0 && k < programs.Count)
                text.Append(Describe(programs[k], className!)).Append("generated:\n").Append(GeneratedFor(generated, className!) ?? "(none)").Append('\n');
        }
        return text.ToString();
    }

    public void Dispose() => _context.Unload();
}
