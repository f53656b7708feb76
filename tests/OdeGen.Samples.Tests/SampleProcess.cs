using System.Diagnostics;
using System.IO;

namespace OdeGen.Samples.Tests;

/// <summary>Runs a sample's built program (copied next to the tests with its dependencies) with redirected output, as CI does.</summary>
internal static class SampleProcess
{
    public sealed record Outcome(int ExitCode, string Output, string Error);

    public static Outcome Run(string assemblyFile, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, assemblyFile));
        foreach (string arg in args) start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        string output = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{assemblyFile} {string.Join(' ', args)} did not finish in 2 minutes.");
        }
        return new Outcome(process.ExitCode, output, error.Result);
    }
}
