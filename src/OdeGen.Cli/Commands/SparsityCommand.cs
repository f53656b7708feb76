using System;
using System.CommandLine;
using System.IO;
using OdeGen.Cli.Sparsity;

namespace OdeGen.Cli.Commands;

/// <summary><c>odegen sparsity FILE.cs [--method NAME] [--png PATH]</c>: draws each Jacobian's sparsity pattern.</summary>
internal static class SparsityCommand
{
    /// <summary>The command, ready to add to the root.</summary>
    public static Command Create()
    {
        var file = new Argument<string>("FILE") { Description = "The C# file holding [OdeDynamics] methods; it need not belong to a project." };
        var method = new Option<string?>("--method", "-m") { HelpName = "NAME", Description = "Draw only this method's pattern (Rhs, Lorenz.Rhs or Namespace.Lorenz.Rhs)." };
        var png = new Option<string?>("--png") { HelpName = "PATH", Description = "Also write the pattern as a PNG image to this path (one file per method, suffixed with its name, when there are several)." };
        var command = new Command("sparsity", "Draws the sparsity pattern of each [OdeDynamics] method's Jacobian df/dy: █ where an entry can be non-zero, · where it is always zero.")
        {
            file,
            method,
            png,
        };
        command.SetAction(parse => Run(
            parse.GetRequiredValue(file),
            parse.GetValue(method),
            parse.GetValue(png),
            parse.InvocationConfiguration.Output,
            parse.InvocationConfiguration.Error));
        return command;
    }

    /// <summary>Writes the patterns to <paramref name="output"/> (and PNG files), diagnostics to <paramref name="error"/>.</summary>
    public static int Run(string path, string? method, string? pngPath, TextWriter output, TextWriter error)
    {
        var inspection = Inspection.Start(path, method, error, out int exitCode);
        if (inspection is null) return exitCode;

        var entries = SparsityReader.Read(inspection.Result.Output, inspection.Systems);
        if (entries is null)
        {
            error.WriteLine($"{path}: error: the file and its generated code do not compile");
            return ExitCodes.Errors;
        }

        bool failed = inspection.HasErrors;
        bool first = true;
        foreach (var entry in entries)
        {
            if (entry.Pattern is not { } pattern)
            {
                error.WriteLine($"{path}: error: cannot read the sparsity of {entry.System.Name}: {entry.Failure}");
                failed = true;
                continue;
            }
            if (!first) output.WriteLine();
            first = false;
            output.WriteLine($"{entry.System.Name}: df/dy is {pattern.Rows}x{pattern.Columns}, {pattern.NonZeroCount} of {pattern.Rows * pattern.Columns} entries can be non-zero");
            output.Write(pattern.ToString());

            if (pngPath is null) continue;
            string target = entries.Count == 1 ? pngPath : Suffixed(pngPath, entry.System.Name);
            try
            {
                File.WriteAllBytes(target, SparsityImage.ToPng(pattern));
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
            {
                error.WriteLine($"{target}: error: cannot write the image: {exception.Message}");
                return ExitCodes.FileError;
            }
            output.WriteLine($"wrote {target}");
        }
        return failed ? ExitCodes.Errors : ExitCodes.Success;
    }

    /// <summary><c>plots/jac.png</c> and <c>Lorenz.Rhs</c> give <c>plots/jac.Lorenz.Rhs.png</c>.</summary>
    private static string Suffixed(string path, string name)
    {
        string extension = Path.GetExtension(path);
        return path.Substring(0, path.Length - extension.Length) + "." + name + (extension.Length == 0 ? ".png" : extension);
    }
}
