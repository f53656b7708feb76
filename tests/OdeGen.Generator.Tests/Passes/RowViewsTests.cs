using System.Collections.Generic;
using System.Linq;
using OdeGen.Generator.Differentiation;
using OdeGen.Generator.Ir;
using OdeGen.Generator.Passes;

namespace OdeGen.Generator.Tests.Passes;

/// <summary>
/// <see cref="RowViews"/> on the programs the differentiator makes: which reads and accumulations of p, vp, wJp and hp go
/// through a view of their row, and which must not. That the views give the same results is checked on the corpus and on
/// the random loop programs (their generated code is compared with the user's method and with finite differences).
/// </summary>
public class RowViewsTests
{
    [Fact]
    public void TheJammedRowsOfAMatrixVectorProductReadTheirWeightsThroughOneViewEach()
    {
        var forward = Pipeline.Optimize(UnrollAndJamTests.Differentiated(UnrollAndJamTests.CorpusSource("Mlp")).Forward!);
        var jammed = forward.Body.Statements.OfType<ForStmt>().Single(l => l.Step == 4);
        var views = jammed.Body.Statements.OfType<ViewStmt>().ToList();
        Assert.Equal(4, views.Count);
        var inner = jammed.Body.Statements.OfType<ForStmt>().Single();
        // Each of the four rows reads its view at the inner index itself: pRow[j].
        var reads = inner.Body.Statements.OfType<LetStmt>().Select(l => forward.Nodes[l.Node]).Where(n => n.Op == Op.Load && forward.Arrays[n.Index].ViewOf >= 0).ToList();
        Assert.Equal(4, reads.Count);
        Assert.All(reads, read => Assert.Equal(inner.LoopIndex, read.A));
        Assert.Equal(views.Select(v => v.View).OrderBy(v => v), reads.Select(r => r.Index).OrderBy(v => v));
        Assert.All(views, view => Assert.Equal(2, forward.Arrays[view.View].Length));
        Assert.Contains("view pRow = p[", IrPrinter.Print(forward.Nodes, forward.Arrays, forward.Body));
    }

    [Fact]
    public void TheWeightGradientOfAReverseSweepAddsIntoRowsOfWJp()
    {
        var model = UnrollAndJamTests.Differentiated(UnrollAndJamTests.CorpusSource("Mlp"));
        var vjp = Pipeline.Optimize(model.VjpAccumulates ? model.Vjp : model.VjpAccumulate!);
        var stores = new List<ArrayStoreStmt>();
        IrUses.Walk(vjp.Body, s => { if (s is ArrayStoreStmt store && vjp.Arrays[store.Array].Kind == ArrayKind.WJp) stores.Add(store); });
        var intoRows = stores.Where(s => vjp.Arrays[s.Array].ViewOf >= 0).ToList();
        Assert.NotEmpty(intoRows);
        Assert.All(intoRows, store => Assert.Equal(Op.LoopIndex, vjp.Nodes[store.Index].Op));
    }

    [Fact]
    public void AnOffsetThatCanBeNegativeKeepsItsIndex()
    {
        // Row i of the first product starts at 4 (i - 1) >= 0; the second reads p[4 i + j - 1] from j = 1, whose row would
        // start at 4 i - 1 = -1 for i = 0: a slice there would throw, so that read stays as written.
        const string source = """
            public static partial class Offsets
            {
                [OdeDynamics(StateSize = 4, ParameterSize = 32)]
                public static void Rhs(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> p, Span<double> dy)
                {
                    for (int i = 1; i < 3; i++)
                    {
                        double a = 0.0;
                        for (int j = 0; j < 4; j++) a += p[(i - 1) * 4 + j] * y[j];
                        dy[i] = a;
                    }
                    for (int i = 0; i < 1; i++)
                    {
                        double b = 0.0;
                        for (int j = 1; j < 4; j++) b += p[4 * i + j - 1] * y[j];
                        dy[0] = b;
                    }
                    dy[3] = -y[3];
                }
            }
            """;
        var forward = Pipeline.Optimize(UnrollAndJamTests.Differentiated(source).Forward!);
        var viewed = new List<int>();
        var direct = new List<int>();
        IrUses.Walk(forward.Body, s =>
        {
            if (s is not LetStmt let || forward.Nodes[let.Node] is not { Op: Op.Load } load) return;
            var array = forward.Arrays[load.Index];
            if (array.ViewOf >= 0) viewed.Add(let.Node);
            else if (array.Kind == ArrayKind.Parameters) direct.Add(let.Node);
        });
        Assert.Single(viewed);
        Assert.Single(direct);
    }
}
