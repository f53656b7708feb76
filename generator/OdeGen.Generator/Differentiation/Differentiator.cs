using System;
using System.Collections.Generic;
using System.Linq;
using OdeGen.Generator.Ir;
using OdeGen.Generator.Model;

namespace OdeGen.Generator.Differentiation;

/// <summary>
/// The Differentiate stage: from the parsed program, the bodies of Jvp, Vjp, JacobianY, JacobianP and
/// TimeDerivative, and the sparsity pattern of df/dy. All come from one linearization (<see cref="Rules"/>):
/// forward mode with different seeds, and its transpose.
/// </summary>
internal static class Differentiator
{
    private const int Direction = 0;

    public static DerivativeModel Differentiate(DynamicsModel model)
    {
        var program = model.Program;
        var jacobianY = Jacobian(program, Op.State, model.StateSize, "Dy");
        return new DerivativeModel(
            model,
            Jvp(program),
            Vjp(model),
            jacobianY.Program,
            Jacobian(program, Op.Parameter, model.ParameterSize, "Dp").Program,
            TimeDerivative(program),
            jacobianY.Rows);
    }

    /// <summary>jv = (df/dy) vy + (df/dp) vp + (df/dt) vt, fused with the forward sweep that also gives dy.</summary>
    private static DerivativeProgram Jvp(IrProgram program)
    {
        var g = new GraphBuilder(program.Nodes, program.ScopeParents);
        var (body, tangents) = ForwardMode.Linearize(g, program, leaf => leaf.Op switch
        {
            Op.State => One(g.Leaf(Op.TangentState, leaf.Index)),
            Op.Parameter => One(g.Leaf(Op.TangentParameter, leaf.Index)),
            Op.Time => One(g.Leaf(Op.TangentTime)),
            _ => null,
        }, (name, _) => name + "Dot");
        g.Enter(0, body);
        StoreOutputs(g, program);
        for (int i = 0; i < tangents.Count; i++)
            g.Append(new StoreStmt(OutputSpan.Jv, i, tangents[i].TryGetValue(Direction, out int t) ? t : g.Const(0)));
        g.Exit();
        return new DerivativeProgram(g.FreezeNodes(), new Block(0, body.ToEquatableArray()));
    }

    /// <summary>df/dt: the JVP with vy = 0, vp = 0, vt = 1, specialized so that only t-dependent terms remain.</summary>
    private static DerivativeProgram TimeDerivative(IrProgram program)
    {
        var g = new GraphBuilder(program.Nodes, program.ScopeParents);
        var (body, tangents) = ForwardMode.Linearize(g, program, leaf => leaf.Op == Op.Time ? One(g.Const(1)) : null, (name, _) => name + "Dt");
        g.Enter(0, body);
        for (int i = 0; i < tangents.Count; i++)
            g.Append(new StoreStmt(OutputSpan.DfDt, i, tangents[i].TryGetValue(Direction, out int t) ? t : g.Const(0)));
        g.Exit();
        return new DerivativeProgram(g.FreezeNodes(), new Block(0, body.ToEquatableArray()));
    }

    /// <summary>
    /// A dense row-major Jacobian with respect to the leaves <paramref name="wrt"/>: one forward direction
    /// per column, seeded with 1. Only entries with a non-zero tangent are written, after clearing.
    /// </summary>
    private static (DerivativeProgram Program, EquatableArray<EquatableArray<int>> Rows) Jacobian(IrProgram program, Op wrt, int columns, string suffix)
    {
        var g = new GraphBuilder(program.Nodes, program.ScopeParents);
        var (body, tangents) = ForwardMode.Linearize(g, program,
            leaf => leaf.Op == wrt ? new SortedDictionary<int, int> { [leaf.Index] = g.Const(1) } : null,
            (name, column) => name + suffix + column);
        g.Enter(0, body);
        if (columns > 0) g.Append(new ClearStmt(OutputSpan.Jac));
        var rows = new List<EquatableArray<int>>();
        for (int i = 0; i < tangents.Count; i++)
        {
            foreach (var entry in tangents[i]) g.Append(new StoreStmt(OutputSpan.Jac, i * columns + entry.Key, entry.Value));
            rows.Add(tangents[i].Keys.ToEquatableArray());
        }
        g.Exit();
        var result = new DerivativeProgram(g.FreezeNodes(), new Block(0, body.ToEquatableArray()), columns, wrt == Op.Parameter);
        return (result, rows.ToEquatableArray());
    }

    /// <summary>wJy = wᵀ df/dy, wJp = wᵀ df/dp, returns wᵀ df/dt; also dy = f.</summary>
    private static DerivativeProgram Vjp(DynamicsModel model)
    {
        var program = model.Program;
        var g = new GraphBuilder(program.Nodes, program.ScopeParents);
        var body = new List<Stmt>();
        g.Enter(0, body);
        var seeds = Enumerable.Range(0, program.Outputs.Count).Select(i => g.Leaf(Op.Cotangent, i)).ToList();
        var cotangentOf = ReverseMode.Transpose(g, program, seeds, id => CotangentName(g, id));
        StoreOutputs(g, program);
        for (int j = 0; j < model.StateSize; j++)
            g.Append(new StoreStmt(OutputSpan.WJy, j, OrZero(g, cotangentOf(g.Leaf(Op.State, j)))));
        for (int k = 0; k < model.ParameterSize; k++)
            g.Append(new StoreStmt(OutputSpan.WJp, k, OrZero(g, cotangentOf(g.Leaf(Op.Parameter, k)))));
        g.Append(new ReturnStmt(OrZero(g, cotangentOf(g.Leaf(Op.Time)))));
        g.Exit();
        return new DerivativeProgram(g.FreezeNodes(), new Block(0, body.ToEquatableArray()));
    }

    private static void StoreOutputs(GraphBuilder g, IrProgram program)
    {
        for (int i = 0; i < program.Outputs.Count; i++) g.Append(new StoreStmt(OutputSpan.Dy, i, program.Outputs[i]));
    }

    private static string CotangentName(GraphBuilder g, int id)
    {
        var node = g[id];
        return node.Op switch
        {
            Op.State => "yBar" + node.Index,
            Op.Parameter => "pBar" + node.Index,
            Op.Time => "tBar",
            _ => NameHint.DerivedFrom(id, node.Name, "Bar"),
        };
    }

    private static int OrZero(GraphBuilder g, int node) => node < 0 ? g.Const(0) : node;

    private static SortedDictionary<int, int> One(int node) => new() { [Direction] = node };
}
