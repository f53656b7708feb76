using System.CommandLine;
using System.IO;

namespace OdeGen.Cli.Commands;

/// <summary><c>odegen show FILE.cs [--method NAME]</c>: prints the generated code and the diagnostics.</summary>
internal static class ShowCommand
{
    /// <summary>The command, ready to add to the root.</summary>
    public static Command Create()
    {
        var file = new Argument<string>("FILE") { Description = "The C# file holding [OdeDynamics] methods; it need not belong to a project." };
        var method = new Option<string?>("--method", "-m") { HelpName = "NAME", Description = "Show only this method (Rhs, Lorenz.Rhs or Namespace.Lorenz.Rhs)." };
        var command = new Command("show", "Prints the code the generator makes for each [OdeDynamics] method, and its diagnostics in the compiler's format.")
        {
            file,
            method,
        };
        command.SetAction(parse => Run(
            parse.GetRequiredValue(file),
            parse.GetValue(method),
            parse.InvocationConfiguration.Output,
            parse.InvocationConfiguration.Error));
        return command;
    }

    /// <summary>Writes the generated code to <paramref name="output"/> and diagnostics to <paramref name="error"/>.</summary>
    public static int Run(string path, string? method, TextWriter output, TextWriter error)
    {
        var inspection = Inspection.Start(path, method, error, out int exitCode);
        if (inspection is null) return exitCode;

        bool first = true;
        foreach (var system in inspection.Systems)
        {
            if (system.Generated is null) continue;
            if (!first) output.WriteLine();
            first = false;
            output.WriteLine($"// {system.Name}: {system.HintName}");
            output.Write(system.Generated.GetText().ToString().TrimStart('\uFEFF'));
        }
        return inspection.HasErrors ? ExitCodes.Errors : ExitCodes.Success;
    }
}
