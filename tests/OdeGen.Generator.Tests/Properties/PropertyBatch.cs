using System.Collections.Generic;
using Xunit.Abstractions;

namespace OdeGen.Generator.Tests.Properties;

/// <summary>What both families of property tests do with a batch of programs, and how their seeds are chosen.</summary>
internal static class PropertyBatch
{
    /// <summary>
    /// Compiles the programs in one batch and runs <see cref="DerivativeChecks"/> on each at <paramref name="points"/>
    /// points; points are skipped when a finite-difference stencil would cross a switch, but most must be checked.
    /// </summary>
    public static void Check(string name, IReadOnlyList<DynamicsProgram> programs, int points, ITestOutputHelper output)
    {
        using var compiled = CompiledBatch.Build(name, programs);
        int checkedPoints = 0, skipped = 0;
        for (int k = 0; k < programs.Count; k++)
        {
            var (checkedHere, skippedHere) = DerivativeChecks.Run(compiled, k, points);
            checkedPoints += checkedHere;
            skipped += skippedHere;
        }
        output.WriteLine(checkedPoints + " points checked, " + skipped + " skipped near a switch or a non-finite value");
        Assert.True(checkedPoints >= programs.Count * points * 9 / 10, "only " + checkedPoints + " points could be checked");
    }

    /// <summary>
    /// The seed of program <paramref name="k"/> of batch <paramref name="batch"/>: fixed so that runs are reproducible,
    /// or from ODEGEN_PROPERTY_SEED (plus <paramref name="offset"/>, so that the families draw different programs).
    /// </summary>
    public static int Seed(int defaultBase, int offset, int batch, int k)
    {
        string? overridden = Environment.GetEnvironmentVariable("ODEGEN_PROPERTY_SEED");
        int baseSeed = overridden is null ? defaultBase : unchecked(int.Parse(overridden, System.Globalization.CultureInfo.InvariantCulture) + offset);
        return unchecked(baseSeed + 1000 * batch + k);
    }
}
