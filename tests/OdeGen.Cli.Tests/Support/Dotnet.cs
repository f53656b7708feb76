using System.Collections.Generic;
using System.Diagnostics;
using System.Text;

namespace OdeGen.Cli.Tests.Support;

/// <summary>Runs the <c>dotnet</c> command line (and tools it installs) as a user would, in a clean environment.</summary>
internal static class Dotnet
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);

    /// <summary>What a command printed and returned.</summary>
    public sealed record Result(int ExitCode, string Output, string Error)
    {
        public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Output}\n--- stderr\n{Error}";
    }

    /// <summary>
    /// Runs <c>dotnet</c> with <paramref name="args"/> in <paramref name="directory"/> and returns its standard output,
    /// or fails the test with everything it printed when it exits with an error.
    /// </summary>
    public static string Run(string directory, IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var result = Execute(directory, environment, args);
        Assert.True(result.ExitCode == 0, $"dotnet {string.Join(' ', args)}: {result}");
        return result.Output;
    }

    /// <summary>Runs <c>dotnet</c> with <paramref name="args"/> in <paramref name="directory"/>; fails the test if it takes too long.</summary>
    public static Result Execute(string directory, IReadOnlyDictionary<string, string> environment, params string[] args) =>
        ExecuteProgram(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet", directory, environment, args);

    /// <summary>Runs <paramref name="program"/> (such as an installed tool) in the same clean environment.</summary>
    public static Result ExecuteProgram(string program, string directory, IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var start = new ProcessStartInfo(program)
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (string arg in args) start.ArgumentList.Add(arg);
        Prepare(start.Environment, environment);

        using var process = Process.Start(start)!;
        var output = new StringBuilder();
        var error = new StringBuilder();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.Append(e.Data).Append('\n'); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (error) error.Append(e.Data).Append('\n'); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit(Timeout))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{program} {string.Join(' ', args)} took more than {Timeout.TotalMinutes} minutes:\n{output}\n{error}");
        }
        process.WaitForExit();
        return new Result(process.ExitCode, output.ToString(), error.ToString());
    }

    /// <summary>
    /// Drops the MSBuild settings that a test run inherits from the build that started it, and keeps build
    /// servers from outliving the command (they would hold its output open).
    /// </summary>
    private static void Prepare(IDictionary<string, string?> variables, IReadOnlyDictionary<string, string> extra)
    {
        foreach (string name in variables.Keys.Where(k => k.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase)).ToList())
            variables.Remove(name);
        variables["MSBUILDDISABLENODEREUSE"] = "1";
        variables["DOTNET_CLI_DO_NOT_USE_MSBUILD_SERVER"] = "1";
        variables["UseSharedCompilation"] = "false";
        variables["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        variables["DOTNET_NOLOGO"] = "1";
        variables["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        foreach (var (name, value) in extra) variables[name] = value;
    }
}
