using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;
using OdeGen.Cli.Generation;

namespace OdeGen.Cli.Sparsity;

/// <summary>
/// Reads each generated struct's <see cref="IOdeSystem.JacobianYSparsity"/> by compiling the file with its
/// generated code into memory, loading it into a collectible context and creating the structs.
/// </summary>
internal static class SparsityReader
{
    /// <summary>A system's pattern, or why it could not be read.</summary>
    public sealed record Entry(DynamicsSystem System, SparsityPattern? Pattern, string? Failure);

    /// <summary>
    /// The patterns of <paramref name="systems"/> that have a generated struct, or null when the compilation
    /// cannot be emitted (its errors are among the inspection's diagnostics).
    /// </summary>
    public static IReadOnlyList<Entry>? Read(Compilation output, IEnumerable<DynamicsSystem> systems)
    {
        using var image = new MemoryStream();
        if (!output.Emit(image).Success) return null;
        image.Position = 0;

        // Dependencies resolve in the default context, so the loaded code shares this process's OdeGen.IOdeSystem.
        var context = new AssemblyLoadContext("odegen-inspected", isCollectible: true);
        try
        {
            var assembly = context.LoadFromStream(image);
            return systems.Where(s => s.StructMetadataName is not null).Select(s => ReadOne(assembly, s)).ToList();
        }
        finally
        {
            context.Unload();
        }
    }

    private static Entry ReadOne(Assembly assembly, DynamicsSystem system)
    {
        var type = assembly.GetType(system.StructMetadataName!);
        if (type is null || type.ContainsGenericParameters)
            return new Entry(system, null, "its struct cannot be created on its own (is a containing type generic?)");
        try
        {
            var instance = (IOdeSystem)Activator.CreateInstance(type)!;
            return new Entry(system, instance.JacobianYSparsity, null);
        }
        catch (Exception exception) when (exception is TargetInvocationException or TypeInitializationException or InvalidCastException)
        {
            var inner = exception.InnerException ?? exception;
            return new Entry(system, null, inner.GetType().Name + ": " + inner.Message);
        }
    }
}
