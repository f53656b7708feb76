using System.Collections.Generic;
using System.Linq;

namespace OdeGen.Generator.Tests.Properties;

/// <summary>
/// Guards the property test itself: the programs it checks must keep covering every construct it is meant
/// to exercise, so that a change to the program generator cannot quietly shrink what is tested.
/// </summary>
public sealed class ProgramGeneratorCoverageTests
{
    private static readonly string[] MathFunctions =
    {
        "Sin", "Cos", "Tan", "Asin", "Acos", "Atan", "Atan2", "Sinh", "Cosh", "Tanh", "Exp", "Log", "Log10",
        "Sqrt", "Cbrt", "Pow", "Abs", "Min", "Max", "Sign", "Floor", "Ceiling",
    };

    private static readonly string[] Fragments =
    {
        "if (", "else", " ? ", " += ", " -= ", " *= ", " /= ", "const double ", "const int ", "y[k", "(-", " / ",
        "t", "p[", "&&", "||", "!(", "(double t, ReadOnlySpan<double> y, Span<double> dy)", "[OdeDynamics(StateSize",
    };

    [Fact]
    public void ThePropertyTestsProgramsCoverEveryConstruct()
    {
        var programs = Enumerable.Range(0, GeneratedDynamicsPropertyTests.Batches)
            .SelectMany(b => Enumerable.Range(0, GeneratedDynamicsPropertyTests.ProgramsPerBatch).Select(k => ProgramGenerator.Generate(GeneratedDynamicsPropertyTests.Seed(b, k))))
            .ToList();
        var sources = programs.Select(p => ProgramPrinter.Class(p, "C")).ToList();

        var missing = MathFunctions.Select(f => "Math." + f + "(").Concat(Fragments).Where(f => !sources.Any(s => s.Contains(f, StringComparison.Ordinal))).ToList();
        Assert.True(missing.Count == 0, "No program contains: " + string.Join(", ", missing));

        Assert.Equal(new[] { 1, 2, 3, 4 }, programs.Select(p => p.StateSize).Distinct().Order());
        Assert.Equal(new[] { 0, 1, 2, 3 }, programs.Where(p => p.HasParameters).Select(p => p.ParameterSize).Distinct().Order());
        Assert.Contains(programs, p => ProgramFacts.Statements(p.Body).OfType<IfElse>().Any(i => ProgramFacts.Statements(i.Then).OfType<IfElse>().Any()));
        Assert.Contains(programs, p => ProgramFacts.Statements(p.Body).OfType<DeclareLocal>().Any(d => d.Value is null));
        Assert.Contains(sources, s => System.Text.RegularExpressions.Regex.IsMatch(s, @"= .*dy\[\d\]"));
    }
}
