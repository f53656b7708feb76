using System.Collections.Generic;
using System.Linq;
using OdeGen.Generator.Differentiation;
using OdeGen.Generator.Ir;
using OdeGen.Generator.Passes;

namespace OdeGen.Generator.Tests.Passes;

/// <summary>
/// <see cref="ClearedZeroStores"/>: zeros stored into an output the program has cleared go when zero is all it ever
/// stores there, and nothing else does. Results are checked numerically on the corpus, which runs every member
/// through the pass.
/// </summary>
public class ClearedZeroStoresTests
{
    [Fact]
    public void TheTimeDerivativeOfASystemThatDoesNotReadTIsTheClearAlone()
    {
        var time = UnrollAndJamTests.Differentiated(UnrollAndJamTests.CorpusSource("Mlp")).TimeDerivative!;
        Assert.Contains(Stores(time), a => time.Arrays[a].Kind == ArrayKind.DfDt);
        var optimized = Pipeline.Optimize(time);
        // Left: the clear, and the declarations of scratch nothing uses any more (the emitter prints none of them).
        Assert.Equal([new ClearStmt(OutputSpan.DfDt)], optimized.Body.Statements.Where(s => s is not ArrayDeclarationStmt).ToArray());
    }

    [Fact]
    public void AnOutputWithANonZeroStoreKeepsAllItsStores()
    {
        var jvp = UnrollAndJamTests.Differentiated(UnrollAndJamTests.CorpusSource("Mlp")).Jvp;
        var before = Stores(jvp).Count(a => jvp.Arrays[a].Kind == ArrayKind.Jv);
        var after = ClearedZeroStores.Apply(jvp);
        Assert.True(before > 0);
        Assert.Same(jvp.Body, after.Body);
    }

    private static List<int> Stores(DerivativeProgram program)
    {
        var arrays = new List<int>();
        IrUses.Walk(program.Body, s => { if (s is ArrayStoreStmt store) arrays.Add(store.Array); });
        return arrays;
    }
}
