using System.Collections.Generic;
using System.Linq;
using Xunit.Abstractions;

namespace OdeGen.Generator.Tests.Properties;

/// <summary>
/// The property tests of <see cref="GeneratedDynamicsPropertyTests"/> over random bodies with loops
/// (<see cref="LoopProgramGenerator"/>): Batches x ProgramsPerBatch programs, each checked at PointsPerProgram
/// points by the same <see cref="DerivativeChecks"/>. A failure prints the program's seed and source;
/// <c>LoopProgramGenerator.Generate(seed)</c> rebuilds it.
/// </summary>
public sealed class LoopDynamicsPropertyTests
{
    private readonly ITestOutputHelper _output;

    public LoopDynamicsPropertyTests(ITestOutputHelper output) => _output = output;

    public const int Batches = 50;
    public const int ProgramsPerBatch = 10;
    public const int PointsPerProgram = 3;

    // Fixed so that runs are reproducible; ODEGEN_PROPERTY_SEED explores other programs, as for the straight-line family.
    private const int DefaultBaseSeed = 30261124;

    public static IEnumerable<object[]> BatchIndices => Enumerable.Range(0, Batches).Select(b => new object[] { b });

    [Theory]
    [MemberData(nameof(BatchIndices))]
    public void GeneratedLoopSystemsMatchTheirDynamicsAndDerivatives(int batch) =>
        PropertyBatch.Check("LoopBatch" + batch, Enumerable.Range(0, ProgramsPerBatch).Select(k => LoopProgramGenerator.Generate(Seed(batch, k))).ToList(), PointsPerProgram, _output);

    internal static int Seed(int batch, int k) => PropertyBatch.Seed(DefaultBaseSeed, 10_000_000, batch, k);
}
