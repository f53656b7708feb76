using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using OdeGen.Cli.Generation;

namespace OdeGen.Cli.Commands;

/// <summary>
/// The part every command shares: read and parse the file, run the generator, pick the requested methods and
/// write their diagnostics in the compiler's format.
/// </summary>
/// <param name="Result">The generator's run over the whole file.</param>
/// <param name="Systems">The methods asked for.</param>
/// <param name="HasErrors">Whether a diagnostic that was written is an error.</param>
internal sealed record Inspection(GenerationResult Result, IReadOnlyList<DynamicsSystem> Systems, bool HasErrors)
{
    /// <summary>
    /// Inspects <paramref name="path"/> and writes its diagnostics to <paramref name="error"/>; null, with the
    /// exit code to return, when the file cannot be read, does not parse, or has no method named <paramref name="method"/>.
    /// </summary>
    public static Inspection? Start(string path, string? method, TextWriter error, out int exitCode)
    {
        string? text = SourceFile.TryRead(path, error);
        if (text is null)
        {
            exitCode = ExitCodes.FileError;
            return null;
        }

        // A file that does not parse gets the compiler's own errors, not code generated from a guess.
        var source = GeneratorRunner.Parse(path, text);
        var syntaxErrors = source.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        if (syntaxErrors.Count > 0)
        {
            foreach (var diagnostic in syntaxErrors) error.WriteLine(diagnostic.ToString());
            exitCode = ExitCodes.Errors;
            return null;
        }

        var result = GeneratorRunner.Run(source);
        var (systems, diagnostics) = result.Select(method);
        if (method is not null && systems.Count == 0)
        {
            string known = result.Systems.Count == 0 ? "it has none" : "it has " + string.Join(", ", result.Systems.Select(s => s.Name));
            error.WriteLine($"{path}: error: no [OdeDynamics] method named '{method}': {known}");
            exitCode = ExitCodes.Errors;
            return null;
        }

        foreach (var diagnostic in diagnostics) error.WriteLine(diagnostic.ToString());
        bool hasErrors = diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error);
        if (result.Systems.Count == 0 && !hasErrors) error.WriteLine($"{path}: no method is marked [OdeDynamics]");
        exitCode = hasErrors ? ExitCodes.Errors : ExitCodes.Success;
        return new Inspection(result, systems, hasErrors);
    }
}
