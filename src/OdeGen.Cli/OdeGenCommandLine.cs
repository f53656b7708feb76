using System.CommandLine;
using System.CommandLine.Help;
using System.IO;
using OdeGen.Cli.Commands;

namespace OdeGen.Cli;

/// <summary>The <c>odegen</c> command line: its commands, and running them with given output writers.</summary>
internal static class OdeGenCommandLine
{
    /// <summary>Parses <paramref name="args"/>, runs the command they name, and returns its exit code.</summary>
    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        // A named command rather than RootCommand, whose name would be the executable's (OdeGen.Cli), not the tool's.
        var root = new Command("odegen", "Shows the code OdeGen generates for the [OdeDynamics] methods of a C# file, and their Jacobians' sparsity.")
        {
            new HelpOption(),
            new VersionOption(),
            ShowCommand.Create(),
            SparsityCommand.Create(),
        };
        return root.Parse(args).Invoke(new InvocationConfiguration { Output = output, Error = error });
    }
}
