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

/// <summary>
/// The same guard for the loop family: every loop construct LoopDynamicsPropertyTests is meant to exercise
/// occurs in its programs, both kinds of scratch span (written once by plain stores, which the reverse sweep
/// reads back, and rewritten) are read, and the outputs are written both in loops and at the top level.
/// </summary>
public sealed class LoopProgramGeneratorCoverageTests
{
    private readonly Xunit.Abstractions.ITestOutputHelper _output;

    public LoopProgramGeneratorCoverageTests(Xunit.Abstractions.ITestOutputHelper output) => _output = output;

    private static readonly string[] Fragments =
    {
        "stackalloc double[", "ReadOnlySpan<double> v", " = p.Slice(", " = y.Slice(", " = h", "Span<double> v",
        "for (int i = 0; i < ", "for (int i = 0; i <= ", "for (int i = 1; i < ", "for (int j = 0; j < ", "for (int m = 0; m < ",
        "for (int j = 0; j < i;", "for (int j = 0; j <= i;", "; i < n", "const int n", "        int n",
        " % ", " / 2)", " * ", "(i - 1)", "(i + 1)", "((double)i)",
        "if (j != i)", "if ((i % 2) == 0)", "(i > 0 ? ", " ? ", "else",
        "(2.0 * y[i])", "Math.Tanh(s", "Math.Exp((-(", "Math.Sqrt((1.5 + (s", "Math.Log((1.0 + Math.Exp(", "Math.Max(s",
        "] = ", "] += ", "] -= ", "dy[i] = ", "dy[i] += ", "dy[0] ", " += ", " -= ", " *= ", " /= ",
        "(double t, ReadOnlySpan<double> y, Span<double> dy)",
        "TensorPrimitives.Tanh(", "TensorPrimitives.Sigmoid(", "TensorPrimitives.Exp(", "TensorPrimitives.Sin(", "TensorPrimitives.Cos(",
    };

    [Fact]
    public void TheLoopPropertyTestsProgramsCoverEveryLoopConstruct()
    {
        var programs = Enumerable.Range(0, LoopDynamicsPropertyTests.Batches)
            .SelectMany(b => Enumerable.Range(0, LoopDynamicsPropertyTests.ProgramsPerBatch).Select(k => LoopProgramGenerator.Generate(LoopDynamicsPropertyTests.Seed(b, k))))
            .ToList();
        var sources = programs.Select(p => ProgramPrinter.Class(p, "C")).ToList();
        var missing = Fragments.Where(f => !sources.Any(s => s.Contains(f, StringComparison.Ordinal))).ToList();
        Assert.True(missing.Count == 0, "No loop program contains: " + string.Join(", ", missing));

        var statements = programs.Select(p => ProgramFacts.Statements(p.Body).ToList()).ToList();
        // Nested three deep; a value condition inside a loop; an accumulation into a local declared outside the loop.
        Assert.Contains(statements, s => s.OfType<For>().Any(f => ProgramFacts.Statements(f.Body).OfType<For>().Any(g => g.Body.OfType<For>().Any())));
        Assert.Contains(statements, s => s.OfType<For>().Any(f => ProgramFacts.Statements(f.Body).OfType<IfElse>().Any(i => i.Test is Comparison)));
        Assert.Contains(statements, s => s.OfType<For>().Any(f => f.Body.OfType<AssignLocal>().Any(a => a.Op == "-=" && a.Name[0] == 's')));
        // Outputs written by loops (never read back) and at the top level (read back).
        Assert.Contains(statements, s => s.OfType<For>().Any(f => ProgramFacts.Statements(f.Body).OfType<StoreElement>().Any(e => e.Span == "dy")));
        Assert.Contains(sources, s => System.Text.RegularExpressions.Regex.IsMatch(s, @"= .*dy\[\d\]"));
        Assert.Contains(programs, p => !p.HasParameters);
        // Stores at i % n from a longer loop, through a writable view, into a companion span, into the zeroed span.
        foreach (string store in new[] { @"h\d+\[\(i % \d\)\] = ", @"\n\s+v\d+\[[^\]]+\] = ", @"\n\s+g\d+\[[^\]]+\] = ", @"\n\s+h\d+\[[^\]]+\] \+= \(p\[" })
            Assert.Contains(sources, s => System.Text.RegularExpressions.Regex.IsMatch(s, store));
        Assert.Equal(new[] { 1, 2, 3, 4, 5 }, programs.Select(p => p.StateSize).Distinct().Order());

        // Spans the reverse sweep may read back and spans it must not, each read afterwards.
        var uses = programs.SelectMany(p => ProgramInterpreter.ScratchUses(p, 0.3, Enumerable.Repeat(0.4, p.StateSize).ToArray(), Enumerable.Repeat(0.2, p.ParameterSize).ToArray())).ToList();
        int once = uses.Count(u => u.WrittenOnce && u.Read), rewritten = uses.Count(u => !u.WrittenOnce && u.Read);
        _output.WriteLine(programs.Count + " programs, " + uses.Count + " scratch spans: " + once + " written once and read, " + rewritten + " rewritten and read");
        Assert.True(once >= 50 && rewritten >= 50, once + " spans written once and " + rewritten + " rewritten spans are read");
    }
}
