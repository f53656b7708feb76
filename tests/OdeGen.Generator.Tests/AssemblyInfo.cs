using System.Runtime.CompilerServices;

namespace OdeGen.Generator.Tests;

internal static class SnapshotSettings
{
    // No diff tool runs here: a missing or different verified file simply fails (leaving the .received file), as CI needs.
    [ModuleInitializer]
    public static void Initialize() => DiffEngine.DiffRunner.Disabled = true;
}
