using System.Collections.Generic;
using System.Linq;
using OdeGen.Generator.Differentiation;
using OdeGen.Generator.Ir;
using OdeGen.Generator.Passes;

namespace OdeGen.Generator.Tests.Passes;

/// <summary>
/// <see cref="DeadStores"/> on the programs the differentiator makes: scratch nobody reads goes with the code that
/// computed it, and what a member writes stays. That nothing a result needs is removed is checked numerically on the
/// corpus and the random programs, which run every member through the pass.
/// </summary>
public class DeadStoresTests
{
    [Fact]
    public void TheTimeDerivativeOfASystemThatDoesNotReadTKeepsNoHiddenLayer()
    {
        // The MLP's df/dt is zero, but its program still has the forward sweep that stores tanh into h.
        var time = UnrollAndJamTests.Differentiated(UnrollAndJamTests.CorpusSource("Mlp")).TimeDerivative!;
        Assert.Contains(Operations(time), op => op == Op.Tanh);
        var optimized = DeadStores.Apply(DeadCode.Apply(time));
        Assert.DoesNotContain(Operations(optimized), op => op == Op.Tanh);
        Assert.DoesNotContain(StoredArrays(optimized), a => time.Arrays[a].Kind == ArrayKind.Scratch);
        // The outputs are still written: dfdt, every element.
        Assert.Contains(StoredArrays(optimized), a => time.Arrays[a].Kind == ArrayKind.DfDt);
    }

    [Fact]
    public void ScratchThatIsReadStays()
    {
        // The VJP reads h back in its reverse sweep: its stores into h must stay.
        var model = UnrollAndJamTests.Differentiated(UnrollAndJamTests.CorpusSource("Mlp"));
        var vjp = model.VjpAccumulates ? model.Vjp : model.VjpAccumulate!;
        var scratchBefore = StoredArrays(vjp).Where(a => vjp.Arrays[a].Kind == ArrayKind.Scratch).ToHashSet();
        var scratchAfter = StoredArrays(DeadStores.Apply(DeadCode.Apply(vjp))).Where(a => vjp.Arrays[a].Kind == ArrayKind.Scratch).ToHashSet();
        Assert.NotEmpty(scratchAfter);
        Assert.Subset(scratchBefore, scratchAfter);
    }

    private static List<Op> Operations(DerivativeProgram program)
    {
        var ops = new List<Op>();
        IrUses.Walk(program.Body, s => { if (s is LetStmt let) ops.Add(program.Nodes[let.Node].Op); });
        return ops;
    }

    private static HashSet<int> StoredArrays(DerivativeProgram program)
    {
        var arrays = new HashSet<int>();
        IrUses.Walk(program.Body, s =>
        {
            if (s is ArrayStoreStmt store) arrays.Add(store.Array);
            if (s is ForStmt { Call: { } call }) arrays.Add(call.Destination);
        });
        return arrays;
    }
}
