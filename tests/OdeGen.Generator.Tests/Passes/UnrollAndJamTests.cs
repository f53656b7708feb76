using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using OdeGen.Generator.Differentiation;
using OdeGen.Generator.Ir;
using OdeGen.Generator.Passes;
using OdeGen.Generator.Tests.Properties;

namespace OdeGen.Generator.Tests.Passes;

/// <summary>
/// The register blocking of <see cref="UnrollAndJam"/> on the programs the differentiator makes: where it applies, and
/// where it must not. That the jammed code computes what the loops as written compute is checked numerically on the
/// corpus (OdeGen.Tests' DerivativeChecks and LaneChecks) and on the random loop programs, which this guards too.
/// </summary>
public class UnrollAndJamTests
{
    [Fact]
    public void TheRowsOfAMatrixVectorProductRunFourAtATime()
    {
        var forward = Pipeline.Optimize(Differentiated(Corpus("Mlp")).Forward!);
        var loops = TopLevelLoops(forward);
        // W1 y³ over 50 rows: 12 iterations of 4 rows, 2 rows left over; then W2 h over 2 rows, too few to jam.
        Assert.Equal(new[] { 1, 4, 1, 1 }, loops.Select(l => l.Step));
        var jammed = loops[1];
        var inner = jammed.Body.Statements.OfType<ForStmt>().Single();
        Assert.Equal(4, inner.Carried.Count);
        Assert.Equal(48, (int)forward.Nodes[jammed.To].Value);
        Assert.Equal(48, (int)forward.Nodes[loops[2].From].Value);
        // cube[j] is read once per inner iteration for the four rows.
        int cubeReads = inner.Body.Statements.OfType<LetStmt>().Count(l => forward.Nodes[l.Node].Op == Op.Load && forward.Arrays[forward.Nodes[l.Node].Index].Name == "cube");
        Assert.Equal(1, cubeReads);
    }

    [Fact]
    public void TheTransposedProductOfAReverseSweepRunsFourRowsAtATime()
    {
        var vjp = Differentiated(Corpus("Mlp"));
        var program = Pipeline.Optimize(vjp.VjpAccumulates ? vjp.Vjp : vjp.VjpAccumulate!);
        var reversed = TopLevelLoops(program).Where(l => l.Reversed).ToList();
        var jammed = Assert.Single(reversed, l => l.Step == 4);
        // Rows 49 down to 2 in steps of 4 (the last iteration runs rows 5, 4, 3, 2), then rows 1 and 0.
        Assert.Equal(5, (int)program.Nodes[jammed.From].Value);
        var rest = reversed[reversed.IndexOf(jammed) + 1];
        Assert.Equal((0, 2), ((int)program.Nodes[rest.From].Value, (int)program.Nodes[rest.To].Value));
    }

    [Fact]
    public void RowsThatShareAnElementAreLeftAsWritten()
    {
        // Every row adds into total[0]: the dependence test does not prove such rows independent, so the loop stays as written.
        const string source = """
            public static partial class SharedTotal
            {
                [OdeDynamics(StateSize = 2, ParameterSize = 24)]
                public static void Rhs(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> p, Span<double> dy)
                {
                    Span<double> total = stackalloc double[1];
                    for (int i = 0; i < 8; i++)
                    {
                        double a = p[i];
                        for (int j = 0; j < 2; j++)
                        {
                            a += p[8 + i * 2 + j] * y[j];
                        }
                        total[0] += a * a;
                    }
                    dy[0] = total[0];
                    dy[1] = -y[1];
                }
            }
            """;
        var model = Differentiated(source);
        foreach (var program in new[] { model.Forward!, model.Jvp, model.VjpAccumulates ? model.Vjp : model.VjpAccumulate! })
            Assert.All(AllLoops(Pipeline.Optimize(program)), l => Assert.Equal(1, l.Step));
    }

    [Fact]
    public void TheDeadRecomputationsOfAReverseSweepAreRemoved()
    {
        var model = Differentiated(Corpus("Mlp"));
        var vjp = model.VjpAccumulates ? model.Vjp : model.VjpAccumulate!;
        // Each reverse row loop recomputes its forward inner loop, whose value the transposed product does not read.
        int Inner(DerivativeProgram program) => TopLevelLoops(program).Where(l => l.Reversed).Sum(l => l.Body.Statements.OfType<ForStmt>().Count());
        Assert.True(Inner(vjp) > Inner(DeadCode.Apply(vjp)));
        Assert.All(TopLevelLoops(DeadCode.Apply(vjp)).Where(l => l.Reversed), l => Assert.True(l.Body.Statements.OfType<ForStmt>().Count() <= 1));
    }

    [Fact]
    public void TheRandomLoopProgramsExerciseTheJam()
    {
        int jammed = 0;
        for (int batch = 0; batch < LoopDynamicsPropertyTests.Batches; batch += 5)
        {
            var programs = Enumerable.Range(0, LoopDynamicsPropertyTests.ProgramsPerBatch).Select(k => LoopProgramGenerator.Generate(LoopDynamicsPropertyTests.Seed(batch, k)));
            foreach (var program in programs)
            {
                var result = GeneratorHarness.Run(GeneratorHarness.Usings + ProgramPrinter.Class(program, "C"));
                if (result.GeneratedSources.Any(s => s.Contains(" += 4)") || s.Contains(" -= 4)"))) jammed++;
            }
        }
        Assert.True(jammed >= 5, "only " + jammed + " of the sampled random loop programs have a jammed loop");
    }

    internal static DerivativeModel Differentiated(string source)
    {
        var diagnostics = GeneratorHarness.Run(GeneratorHarness.Usings + source).GeneratorDiagnostics;
        Assert.True(diagnostics.IsEmpty, string.Join("\n", diagnostics));
        var compilation = GeneratorHarness.Compile(GeneratorHarness.Usings + source);
        var driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);
        var step = driver.GetRunResult().Results.Single().TrackedSteps[OdeDynamicsGenerator.Stages.Differentiate].Single();
        var (derivatives, failure) = ((DerivativeModel?, OdeGen.Generator.Diagnostics.DiagnosticInfo?))step.Outputs.Single().Value;
        Assert.Null(failure);
        return derivatives!;
    }

    private static System.Collections.Generic.List<ForStmt> TopLevelLoops(DerivativeProgram program) => program.Body.Statements.OfType<ForStmt>().ToList();

    private static System.Collections.Generic.List<ForStmt> AllLoops(DerivativeProgram program)
    {
        var loops = new System.Collections.Generic.List<ForStmt>();
        IrUses.Walk(program.Body, s => { if (s is ForStmt loop) loops.Add(loop); });
        return loops;
    }

    internal static string CorpusSource(string name) => Corpus(name);

    private static string Corpus(string name, [CallerFilePath] string here = "") =>
        File.ReadAllText(Path.GetFullPath(Path.Combine(Path.GetDirectoryName(here)!, "..", "..", "OdeGen.Tests", "Corpus", name + ".cs")));
}
