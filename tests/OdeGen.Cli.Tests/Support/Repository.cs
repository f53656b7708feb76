using System.IO;
using System.Reflection;

namespace OdeGen.Cli.Tests.Support;

/// <summary>Where the repository these tests were built from is, and how they were built.</summary>
internal static class Repository
{
    /// <summary>The folder holding <c>OdeGen.sln</c>, found above the test assembly.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>The build configuration of the test assembly (and so of the projects it references).</summary>
    public static string Configuration { get; } =
        typeof(Repository).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "Configuration").Value!;

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "OdeGen.sln"))) return directory.FullName;
        }
        throw new InvalidOperationException("OdeGen.sln was not found above " + AppContext.BaseDirectory);
    }
}
