using static VerifyXunit.Verifier;
using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading.Tasks;

namespace OdeGen.Generator.Tests.Snapshots;

/// <summary>
/// The emitted code for the corpus in tests/OdeGen.Tests/Corpus, compared with the verified files (Verify) in
/// approved/ (reviewed like code). The same corpus is compiled with the generator attached and checked
/// numerically in OdeGen.Tests.
/// </summary>
public class GeneratedCodeSnapshotTests
{
    public static TheoryData<string> Corpus()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(CorpusDirectory(), "*.cs").OrderBy(f => f, StringComparer.Ordinal))
            data.Add(Path.GetFileNameWithoutExtension(file));
        return data;
    }

    [Theory]
    [MemberData(nameof(Corpus))]
    public Task EmittedCode(string system)
    {
        var source = GeneratorHarness.Usings + File.ReadAllText(Path.Combine(CorpusDirectory(), system + ".cs"));
        var result = GeneratorHarness.Run(source);
        Assert.Empty(result.CompilerErrors);
        // A file of several layers generates one struct each, in the order of their methods.
        Assert.NotEmpty(result.GeneratedSources);
        string generated = string.Join("\n", result.GeneratedSources);
        return Verify(generated, extension: "cs").UseDirectory("approved").UseParameters(system);
    }

    private static string CorpusDirectory([CallerFilePath] string here = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(here)!, "..", "..", "OdeGen.Tests", "Corpus"));
}
