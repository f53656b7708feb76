using System.Collections.Generic;
using System.IO;
using OdeGen.Cli.Tests.Support;

namespace OdeGen.Cli.Tests.Package;

/// <summary>
/// The OdeGen package and the odegen tool package, packed once from the build under test into a local feed in a temporary folder, with a
/// package cache of its own there (re-packing the same version would not reach the machine's shared cache).
/// </summary>
public sealed class PackedPackage : IDisposable
{
    private readonly TempDirectory _temp = new();

    public PackedPackage()
    {
        Feed = _temp["feed"];
        Environment = new Dictionary<string, string> { ["NUGET_PACKAGES"] = _temp["packages"] };
        Dotnet.Run(Repository.Root, Environment,
            "pack", System.IO.Path.Combine("src", "OdeGen", "OdeGen.csproj"), "--no-build", "-c", Repository.Configuration,
            "-o", Feed, "-p:NuspecOutputPath=" + _temp["nuspec"] + System.IO.Path.DirectorySeparatorChar);
        Dotnet.Run(Repository.Root, Environment,
            "pack", System.IO.Path.Combine("src", "OdeGen.Cli", "OdeGen.Cli.csproj"), "--no-build", "-c", Repository.Configuration,
            "-o", Feed, "-p:NuspecOutputPath=" + _temp["nuspec-cli"] + System.IO.Path.DirectorySeparatorChar);
        Path = Assert.Single(Directory.GetFiles(Feed, "OdeGen.*.nupkg"), p => !p.Contains("OdeGen.Cli.", StringComparison.Ordinal));
        Version = System.IO.Path.GetFileNameWithoutExtension(Path)["OdeGen.".Length..];
        ToolPath = Assert.Single(Directory.GetFiles(Feed, "OdeGen.Cli.*.nupkg"));
        ToolVersion = System.IO.Path.GetFileNameWithoutExtension(ToolPath)["OdeGen.Cli.".Length..];
    }

    /// <summary>The .nupkg of the <c>odegen</c> .NET tool, packed into the same feed.</summary>
    public string ToolPath { get; }

    /// <summary>The tool package's version.</summary>
    public string ToolVersion { get; }

    /// <summary>The folder used as a package source.</summary>
    public string Feed { get; }

    /// <summary>The .nupkg file.</summary>
    public string Path { get; }

    /// <summary>Its version.</summary>
    public string Version { get; }

    /// <summary>Environment for <c>dotnet</c> commands that use the package.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; }

    /// <summary>A new folder inside the temporary folder.</summary>
    public string NewFolder(string name)
    {
        string path = _temp[name];
        Directory.CreateDirectory(path);
        return path;
    }

    public void Dispose() => _temp.Dispose();
}
