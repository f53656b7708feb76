using System.IO;

namespace OdeGen.Cli.Tests.Support;

/// <summary>Runs <c>odegen</c> in process, as its <c>Main</c> does, with captured output.</summary>
internal static class Tool
{
    public sealed record Result(int ExitCode, string Output, string Error)
    {
        public string[] ErrorLines => Error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

        public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Output}\n--- stderr\n{Error}";
    }

    public static Result Run(params string[] args)
    {
        var output = new StringWriter { NewLine = "\n" };
        var error = new StringWriter { NewLine = "\n" };
        int exitCode = OdeGenCommandLine.Run(args, output, error);
        return new Result(exitCode, output.ToString(), error.ToString());
    }
}
