using System.Collections.Generic;
using System.Linq;
using OdeGen.Generator.Ir;
using OdeGen.Generator.Model;

namespace OdeGen.Generator.Differentiation;

/// <summary>
/// The divergence tr(∂f/∂y) of a straight-line program, the quantity a continuous normalizing flow integrates
/// (Chen et al. 2018, eq. 4), and its gradient in y and p. The diagonal entries come from the same forward
/// linearization as JacobianY, one direction per column: only those on the diagonal are summed, so the entries
/// the sparsity pattern rules out never become code, and the emitter drops the off-diagonal ones as dead.
/// The gradient is the transpose of that program, seeded with 1.
/// </summary>
internal static class Divergence
{
    public static (DerivativeProgram Value, DerivativeProgram Gradient) Of(IrProgram program, int stateSize, int parameterSize)
    {
        var g = new GraphBuilder(program.Nodes, program.ScopeParents);
        var (body, tangents, _) = ForwardMode.Linearize(g, program,
            leaf => leaf.Op == Op.State ? new SortedDictionary<int, int> { [leaf.Index] = g.Const(1) } : null,
            (name, column) => name + "Dy" + column);
        g.Enter(0, body);
        int trace = -1;
        for (int i = 0; i < tangents.Count; i++)
        {
            if (tangents[i].TryGetValue(i, out int diagonal)) trace = Rules.Sum(g, trace, diagonal);
        }
        trace = Differentiator.OrZero(g, trace);
        g.SetNameIfUnnamed(trace, "divergence");
        g.Exit();
        var value = new DerivativeProgram(g.FreezeNodes(), program.Arrays, new Block(0, body.Append(new ReturnStmt(trace)).ToEquatableArray()));

        var linearized = new IrProgram(g.FreezeNodes(), g.FreezeScopes(), new Block(0, body.ToEquatableArray()),
            new[] { trace }.ToEquatableArray(), program.Arrays, HasLoops: false, OutputsInMemory: false, EquatableArray<NodeSite>.Empty);
        var reverse = new GraphBuilder(linearized.Nodes, linearized.ScopeParents);
        var gradientBody = new List<Stmt>();
        reverse.Enter(0, gradientBody);
        var cotangentOf = ReverseMode.Transpose(reverse, linearized, new[] { reverse.Const(1) }, id => Differentiator.CotangentName(reverse, id));
        var stateBars = Enumerable.Range(0, stateSize).Select(j => cotangentOf(reverse.Leaf(Op.State, j))).ToList();
        var parameterBars = Enumerable.Range(0, parameterSize).Select(k => cotangentOf(reverse.Leaf(Op.Parameter, k))).ToList();
        for (int j = 0; j < stateSize; j++) reverse.Append(new StoreStmt(OutputSpan.WJy, j, Differentiator.OrZero(reverse, stateBars[j])));
        for (int k = 0; k < parameterSize; k++) reverse.Append(new StoreStmt(OutputSpan.WJp, k, Differentiator.OrZero(reverse, parameterBars[k])));
        reverse.Append(new ReturnStmt(trace));
        reverse.Exit();
        var gradient = new DerivativeProgram(reverse.FreezeNodes(), program.Arrays, new Block(0, gradientBody.ToEquatableArray()));
        return (value, gradient);
    }
}
