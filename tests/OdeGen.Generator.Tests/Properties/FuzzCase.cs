using System.Linq;
using Microsoft.CodeAnalysis.Text;

namespace OdeGen.Generator.Tests.Properties;

/// <summary>
/// One malformed or unusual source for the robustness test. <see cref="MustReject"/>: the build must fail;
/// <see cref="Inserted"/>: where the offending code is, when an error must point at it.
/// </summary>
internal sealed record FuzzCase(int Seed, string Description, string Source, bool MustReject, TextSpan? Inserted)
{
    private const string Prefix = GeneratorHarness.Usings + "namespace Fuzz;\n\n";

    /// <summary>The case for <paramref name="seed"/>: a random valid program damaged in one of several ways.</summary>
    public static FuzzCase Create(int seed)
    {
        var random = new System.Random(seed);
        var program = ProgramGenerator.Generate(seed);
        string valid = ProgramPrinter.Class(program, "C");
        switch (seed % 6)
        {
            case 0:
            case 1:
            {
                var (mutated, description) = new SourceMutator(random).Mutate(valid);
                return new FuzzCase(seed, description, Prefix + mutated, false, null);
            }
            case 2:
            case 3:
                return Inject(seed, random, valid, MalformedConstructs.Injections[random.Next(MalformedConstructs.Injections.Count)]);
            case 4:
            {
                int index = random.Next(program.StateSize);
                return new FuzzCase(seed, "no assignment to dy[" + index + "]", Prefix + SourceMutator.WithoutOutput(valid, index), program.SizesOnAttribute || index < program.StateSize - 1, null);
            }
            default:
                return Header(seed, random, valid);
        }
    }

    private static FuzzCase Inject(int seed, System.Random random, string valid, Injection injection)
    {
        var lines = valid.Split('\n').ToList();
        int bodyOpen = lines.FindIndex(l => l.StartsWith("    {", System.StringComparison.Ordinal));
        int bodyClose = lines.FindLastIndex(l => l.StartsWith("    }", System.StringComparison.Ordinal));
        // After a statement or an opening brace inside the body, so that the result still parses; before the
        // last statement, so that it is not the end of the body (where 'return;' is fine).
        var sites = Enumerable.Range(bodyOpen, bodyClose - 1 - bodyOpen).Where(i => lines[i].TrimEnd().EndsWith(';') || lines[i].TrimEnd().EndsWith('{')).ToList();
        int site = injection.AtEnd ? bodyClose - 1 : sites[random.Next(sites.Count)];
        string indent = new string(' ', lines[site].Length - lines[site].TrimStart().Length + (lines[site].TrimEnd().EndsWith('{') ? 4 : 0));
        lines.Insert(site + 1, indent + injection.Code);
        if (injection.Member is not null) lines.Insert(lines.FindLastIndex(l => l.StartsWith('}')), "    " + injection.Member);
        string source = Prefix + string.Join("\n", lines);
        int start = source.IndexOf(indent + injection.Code, System.StringComparison.Ordinal) + indent.Length;
        return new FuzzCase(seed, "inserted '" + injection.Code + "'", source, injection.MustReject, injection.ErrorAtCode ? new TextSpan(start, injection.Code.Length) : null);
    }

    private static FuzzCase Header(int seed, System.Random random, string valid)
    {
        var lines = valid.Split('\n').ToList();
        switch (random.Next(3))
        {
            case 0:
            {
                var (header, mustReject) = MalformedConstructs.Headers[random.Next(MalformedConstructs.Headers.Count)];
                int line = lines.FindIndex(l => l.Contains(" Rhs(", System.StringComparison.Ordinal));
                // A signature without p still reads p when the body does; only headers with p keep the body valid.
                lines[line] = "    " + header;
                return new FuzzCase(seed, "method header '" + header + "'", Prefix + string.Join("\n", lines), mustReject, null);
            }
            case 1:
            {
                var (attribute, mustReject) = MalformedConstructs.Attributes[random.Next(MalformedConstructs.Attributes.Count)];
                int line = lines.FindIndex(l => l.Contains("[OdeDynamics", System.StringComparison.Ordinal));
                lines[line] = "    " + attribute;
                return new FuzzCase(seed, "attribute '" + attribute + "'", Prefix + string.Join("\n", lines), mustReject, null);
            }
            default:
            {
                var (header, mustReject) = MalformedConstructs.ClassHeaders[random.Next(MalformedConstructs.ClassHeaders.Count)];
                int line = lines.FindIndex(l => l.Contains("class C", System.StringComparison.Ordinal));
                lines[line] = header;
                return new FuzzCase(seed, "class header '" + header + "'", Prefix + string.Join("\n", lines), mustReject, null);
            }
        }
    }

    public override string ToString() => "seed " + Seed + " (FuzzCase.Create(" + Seed + ")): " + Description + "\n" + Source;
}
