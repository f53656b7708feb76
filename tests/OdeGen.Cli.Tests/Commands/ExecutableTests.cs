using System.Collections.Generic;
using System.IO;
using OdeGen.Cli.Tests.Support;

namespace OdeGen.Cli.Tests.Commands;

/// <summary>The built executable, as a shell runs it: real standard streams and process exit codes.</summary>
public sealed class ExecutableTests : IDisposable
{
    private static readonly string Executable = Path.Combine(AppContext.BaseDirectory, "OdeGen.Cli.dll");
    private static readonly Dictionary<string, string> NoExtraEnvironment = new();
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void ShowWritesCodeToStandardOutputAndExitsWith0()
    {
        _temp.Write("Lorenz.cs", Sources.Lorenz);

        var result = Dotnet.Execute(_temp.Path, NoExtraEnvironment, Executable, "show", "Lorenz.cs");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("public readonly struct RhsSystem", result.Output);
        Assert.Equal("", result.Error);
    }

    [Fact]
    public void ErrorsGoToStandardErrorWithExitCode1()
    {
        _temp.Write("Mixed.cs", Sources.WrongSignature);

        var result = Dotnet.Execute(_temp.Path, NoExtraEnvironment, Executable, "sparsity", "Mixed.cs");

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("Mixed.cs(7,24): error ODE0001: ", result.Error);
        Assert.Equal("Mixed.Good: df/dy is 1x1, 1 of 1 entries can be non-zero\n█\n", result.Output);
    }

    [Fact]
    public void AnUnreadableFileExitsWith2()
    {
        var result = Dotnet.Execute(_temp.Path, NoExtraEnvironment, Executable, "show", "Missing.cs");

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("Missing.cs: error: cannot read the file: ", result.Error);
    }
}
