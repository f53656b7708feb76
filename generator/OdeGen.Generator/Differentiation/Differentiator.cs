using System;
using System.Collections.Generic;
using System.Linq;
using OdeGen.Generator.Ir;
using OdeGen.Generator.Model;

namespace OdeGen.Generator.Differentiation;

/// <summary>
/// The Differentiate stage: from the parsed program, the bodies of Jvp, Vjp, JacobianY, JacobianP and
/// TimeDerivative, and the sparsity pattern of df/dy. All come from one linearization (<see cref="Rules"/>):
/// forward mode with different seeds, and its transpose; JvpVjp is forward mode over that transpose.
/// </summary>
internal static class Differentiator
{
    private const int Direction = 0;

    public static DerivativeModel Differentiate(DynamicsModel model)
    {
        var program = model.Program;
        var jvp = Forward(program, Seeds.All, "Dot", OutputSpan.Jv, ArrayKind.Jv);
        if (model.IsLayer)
        {
            // A layer has no t and no Jacobian members; its Vjp always adds, so that a batch sums the weights' cotangents in place.
            var layerFacts = HasRunTimeIndices(program) ? LoopInterpreter.Run(program, model.OutputSize) : null;
            return new DerivativeModel(model, jvp, Vjp(model, layerFacts, accumulate: true, out _), null, null, null, null, null,
                EquatableArray<EquatableArray<int>>.Empty, VjpAccumulates: true, Forward: ForwardOnly(program));
        }
        var time = Forward(program, Seeds.Time, "Dt", OutputSpan.DfDt, ArrayKind.DfDt);
        if (HasRunTimeIndices(program))
        {
            // Element indices depend on loop indices: the Jacobians come column by column from JVPs in y and in p.
            var facts = LoopInterpreter.Run(program, model.StateSize);
            var accumulating = Vjp(model, facts, accumulate: true, out var accumulatingScopes);
            return new DerivativeModel(model, jvp, accumulating, null, null, time,
                Forward(program, Seeds.State, "Dot", OutputSpan.Jv, ArrayKind.Jv),
                Forward(program, Seeds.Parameters, "Dot", OutputSpan.Jv, ArrayKind.Jv),
                facts.Pattern, VjpAccumulates: true, JvpVjp: ForwardOverReverse.JvpVjp(accumulating, accumulatingScopes), Forward: ForwardOnly(program));
        }
        var vjp = Vjp(model, null, accumulate: false, out var scopes);
        var vjpAccumulate = Vjp(model, null, accumulate: true, out var accumulateScopes);
        var jacobianY = Jacobian(program, Op.State, model.StateSize, "Dy");
        var divergence = Divergence.Of(program, model.StateSize, model.ParameterSize);
        return new DerivativeModel(model, jvp, vjp, jacobianY.Program, Jacobian(program, Op.Parameter, model.ParameterSize, "Dp").Program,
            time, null, null, jacobianY.Rows, JvpVjp: ForwardOverReverse.JvpVjp(vjp, scopes),
            Divergence: divergence.Value, DivergenceGradient: divergence.Gradient,
            VjpAccumulate: vjpAccumulate, Forward: ForwardOnly(program), JvpVjpAccumulate: ForwardOverReverse.JvpVjp(vjpAccumulate, accumulateScopes));
    }

    /// <summary>f itself: the parsed body, then its outputs stored into dy (a loop program stores them itself).</summary>
    private static DerivativeProgram ForwardOnly(IrProgram program)
    {
        var body = program.Body.Statements.ToList();
        for (int i = 0; i < program.Outputs.Count; i++) body.Add(new StoreStmt(OutputSpan.Dy, i, program.Outputs[i]));
        return new DerivativeProgram(program.Nodes, program.Arrays, new Block(0, body.ToEquatableArray()));
    }

    /// <summary>
    /// Whether elements are indexed by values known only at run time (loop indices, Math.Sign): then the
    /// Jacobians are built from JVPs and the VJP accumulates into wJy and wJp.
    /// </summary>
    private static bool HasRunTimeIndices(IrProgram program) => program.HasLoops || program.Nodes.Any(n => n.Op == Op.Load);

    /// <summary>Which inputs a forward sweep differentiates with respect to.</summary>
    private enum Seeds
    {
        All,
        State,
        Parameters,
        Time,
    }

    /// <summary>
    /// A forward sweep fused with its tangents: the JVP (all seeds), the time derivative (t only), or the
    /// state or parameter JVP a loop program's Jacobian is built from. Scratch spans get tangent spans
    /// as the linearization finds them needed.
    /// </summary>
    private static DerivativeProgram Forward(IrProgram program, Seeds seeds, string suffix, OutputSpan output, ArrayKind outputArray)
    {
        var arrays = program.Arrays.ToList();
        var tangentArrays = new Dictionary<int, int>();
        int Add(ArrayKind kind, int length, string name)
        {
            arrays.Add(new ArrayInfo(kind, length, name));
            return arrays.Count - 1;
        }
        if (seeds is Seeds.All or Seeds.State && program.Arrays.Count > 0)
            tangentArrays[Arrays.State] = Add(ArrayKind.TangentState, program.Arrays[Arrays.State].Length, "vy");
        if (seeds is Seeds.All or Seeds.Parameters && program.Arrays.Count > 0)
            tangentArrays[Arrays.Parameters] = Add(ArrayKind.TangentParameters, program.Arrays[Arrays.Parameters].Length, "vp");
        if (program.OutputsInMemory)
            tangentArrays[Arrays.Derivative] = Add(outputArray, program.Arrays[Arrays.Derivative].Length, outputArray.ToString());

        while (true)
        {
            var g = new GraphBuilder(program.Nodes, program.ScopeParents);
            var (body, tangents, missing) = ForwardMode.Linearize(g, program, leaf => leaf.Op switch
            {
                Op.State when seeds is Seeds.All or Seeds.State => One(g.Leaf(Op.TangentState, leaf.Index)),
                Op.Parameter when seeds is Seeds.All or Seeds.Parameters => One(g.Leaf(Op.TangentParameter, leaf.Index)),
                Op.Time when seeds == Seeds.All => One(g.Leaf(Op.TangentTime)),
                Op.Time when seeds == Seeds.Time => One(g.Const(1)),
                _ => null,
            }, (name, _) => name + suffix, tangentArrays);
            if (missing.Count > 0)
            {
                foreach (int array in missing) tangentArrays[array] = Add(ArrayKind.Scratch, arrays[array].Length, arrays[array].Name + suffix);
                continue;
            }

            // Only the JVP also returns f; the other sweeps drop the stores into dy.
            if (seeds != Seeds.All) body = WithoutStoresTo(Arrays.Derivative, body);
            g.Enter(0, body);
            if (program.OutputsInMemory) body.Insert(0, new ClearStmt(output));
            for (int i = 0; i < tangents.Count; i++)
                g.Append(new StoreStmt(output, i, tangents[i].TryGetValue(Direction, out int t) ? t : g.Const(0)));
            if (seeds == Seeds.All) StoreOutputs(g, program);
            g.Exit();
            return new DerivativeProgram(g.FreezeNodes(), arrays.ToEquatableArray(), new Block(0, body.ToEquatableArray()));
        }
    }

    /// <summary>
    /// A dense row-major Jacobian with respect to the leaves <paramref name="wrt"/>: one forward direction
    /// per column, seeded with 1. Only entries with a non-zero tangent are written, after clearing.
    /// </summary>
    private static (DerivativeProgram Program, EquatableArray<EquatableArray<int>> Rows) Jacobian(IrProgram program, Op wrt, int columns, string suffix)
    {
        var g = new GraphBuilder(program.Nodes, program.ScopeParents);
        var (body, tangents, _) = ForwardMode.Linearize(g, program,
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
        var result = new DerivativeProgram(g.FreezeNodes(), program.Arrays, new Block(0, body.ToEquatableArray()), columns, wrt == Op.Parameter);
        return (result, rows.ToEquatableArray());
    }

    /// <summary>
    /// wJy = wᵀ df/dy, wJp = wᵀ df/dp, returns wᵀ df/dt (a layer returns nothing); also dy = f. When
    /// <paramref name="accumulate"/> (always with run-time indices, see <see cref="HasRunTimeIndices"/>), the body adds into
    /// wJy and wJp. Values stored by the read-back stores of <paramref name="facts"/> are read back by the reverse sweep.
    /// </summary>
    private static DerivativeProgram Vjp(DynamicsModel model, LoopFacts? facts, bool accumulate, out EquatableArray<int> scopes)
    {
        var program = model.Program;
        var g = new GraphBuilder(program.Nodes, program.ScopeParents);
        var arrays = program.Arrays.ToList();
        var adjointArrays = new Dictionary<int, int>();
        var body = new List<Stmt>();
        g.Enter(0, body);
        if (accumulate)
        {
            // Elements of y and p read at run-time indices add into wJy and wJp: this body is VjpAccumulate, and
            // Vjp clears them before calling it (SystemEmitter).
            arrays.Add(new ArrayInfo(ArrayKind.WJy, model.StateSize, "wJy"));
            adjointArrays[Arrays.State] = arrays.Count - 1;
            arrays.Add(new ArrayInfo(ArrayKind.WJp, model.ParameterSize, "wJp"));
            adjointArrays[Arrays.Parameters] = arrays.Count - 1;
            for (int a = 0; a < program.Arrays.Count; a++)
            {
                var array = program.Arrays[a];
                if (array.Kind != ArrayKind.Scratch && !(a == Arrays.Derivative && program.OutputsInMemory)) continue;
                arrays.Add(new ArrayInfo(ArrayKind.Scratch, array.Length, a == Arrays.Derivative ? "dyBar" : array.Name + "Bar"));
                adjointArrays[a] = arrays.Count - 1;
                g.Append(new ArrayDeclarationStmt(arrays.Count - 1));
            }
            if (program.OutputsInMemory)
            {
                // dy's cotangent starts as w; a store hands it on and clears it.
                arrays.Add(new ArrayInfo(ArrayKind.Cotangent, model.OutputSize, "w"));
                g.Append(new ArrayCopyStmt(arrays.Count - 1, adjointArrays[Arrays.Derivative]));
            }
        }
        var seeds = Enumerable.Range(0, program.Outputs.Count).Select(i => g.Leaf(Op.Cotangent, i)).ToList();
        var cotangentOf = ReverseMode.Transpose(g, program, seeds, id => CotangentName(g, id), adjointArrays, facts);
        // Every cotangent is complete before the first store (see ProgramEmitter.ComputeBeforeStoring).
        var stateBars = Enumerable.Range(0, model.StateSize).Select(j => cotangentOf(g.Leaf(Op.State, j))).ToList();
        var parameterBars = Enumerable.Range(0, model.ParameterSize).Select(k => cotangentOf(g.Leaf(Op.Parameter, k))).ToList();
        int timeBar = OrZero(g, cotangentOf(g.Leaf(Op.Time)));
        for (int j = 0; j < model.StateSize; j++) StoreCotangent(g, accumulate, OutputSpan.WJy, ArrayKind.WJy, arrays, j, stateBars[j]);
        for (int k = 0; k < model.ParameterSize; k++) StoreCotangent(g, accumulate, OutputSpan.WJp, ArrayKind.WJp, arrays, k, parameterBars[k]);
        StoreOutputs(g, program);
        if (!model.IsLayer) g.Append(new ReturnStmt(timeBar));
        g.Exit();
        scopes = g.FreezeScopes();
        return new DerivativeProgram(g.FreezeNodes(), arrays.ToEquatableArray(), new Block(0, body.ToEquatableArray()));
    }

    /// <summary>The cotangent of a constant-index leaf: written, or added to what the loops accumulated.</summary>
    private static void StoreCotangent(GraphBuilder g, bool accumulate, OutputSpan span, ArrayKind kind, List<ArrayInfo> arrays, int index, int cotangent)
    {
        if (!accumulate)
        {
            g.Append(new StoreStmt(span, index, OrZero(g, cotangent)));
            return;
        }
        if (cotangent >= 0) g.Append(new ArrayStoreStmt(arrays.FindIndex(a => a.Kind == kind), g.IntConst(index), cotangent, Accumulate: true));
    }

    public static List<Stmt> WithoutStoresTo(int array, IEnumerable<Stmt> statements)
    {
        var kept = new List<Stmt>();
        foreach (var statement in statements)
        {
            switch (statement)
            {
                case ArrayStoreStmt store when store.Array == array:
                    break;
                case IfStmt branch:
                    kept.Add(branch with { Then = Without(branch.Then), Else = Without(branch.Else) });
                    break;
                case ForStmt loop:
                    kept.Add(loop with { Body = Without(loop.Body) });
                    break;
                default:
                    kept.Add(statement);
                    break;
            }
        }
        return kept;

        Block Without(Block block) => new(block.Scope, WithoutStoresTo(array, block.Statements).ToEquatableArray());
    }

    private static void StoreOutputs(GraphBuilder g, IrProgram program)
    {
        for (int i = 0; i < program.Outputs.Count; i++) g.Append(new StoreStmt(OutputSpan.Dy, i, program.Outputs[i]));
    }

    public static string CotangentName(GraphBuilder g, int id)
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

    public static int OrZero(GraphBuilder g, int node) => node < 0 ? g.Const(0) : node;

    private static SortedDictionary<int, int> One(int node) => new() { [Direction] = node };
}
