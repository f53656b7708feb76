using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace OdeGen.Cli.Generation;

/// <summary>
/// What a lone source file is compiled against: every assembly of the running .NET shared framework,
/// and the OdeGen runtime with its dependencies, as a project that uses the package would be.
/// </summary>
internal static class CompilationReferences
{
    private static readonly Lazy<ImmutableArray<MetadataReference>> Cached = new(Create);

    /// <summary>The references, loaded once per process.</summary>
    public static ImmutableArray<MetadataReference> All => Cached.Value;

    private static ImmutableArray<MetadataReference> Create()
    {
        string framework = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        string runtime = typeof(IOdeSystem).Assembly.Location;
        var paths = new List<string>(Directory.GetFiles(framework, "*.dll").OrderBy(p => p, StringComparer.Ordinal)) { runtime };
        // The runtime's own dependencies, which a project using the package gets with it.
        foreach (string dependency in new[] { "MathNet.Numerics.dll", "System.Numerics.Tensors.dll" })
        {
            string path = Path.Combine(Path.GetDirectoryName(runtime)!, dependency);
            if (File.Exists(path)) paths.Add(path);
        }
        return paths.Select(p => (MetadataReference)MetadataReference.CreateFromFile(p)).ToImmutableArray();
    }
}
