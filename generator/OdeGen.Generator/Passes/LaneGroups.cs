using System;
using System.Collections.Generic;
using System.Linq;
using OdeGen.Generator.Differentiation;
using OdeGen.Generator.Ir;
using OdeGen.Generator.Model;

namespace OdeGen.Generator.Passes;

/// <summary>
/// A lane kernel widened to <see cref="Count"/> lane groups at once, the second of which is named with a B: every
/// per-copy value and span is repeated once per group, and what the groups share is computed and read once. A weight
/// read from p then feeds one multiply-add per group instead of one per call, and a weight's cotangent, which the groups
/// add into the same lane accumulator of wJp, is loaded and stored once for all of them: in a batched VJP that load and
/// store per weight, not the arithmetic, is what bounds a single group (register tiling over the batch, as a GEMM
/// blocks the dimension it reduces over: Goto and van de Geijn, "Anatomy of High-Performance Matrix Multiplication",
/// ACM TOMS 34(3), 2008).
/// </summary>
/// <remarks>
/// Statements keep their order, and a group's values are computed by the same operations as in the one-group kernel, so
/// each group's outputs are those of the one-group kernel bit for bit; only a shared accumulator sums the groups'
/// contributions in another order (group A's, then B's, per statement). Loops stay loops, with both groups' work in one
/// body; a loop that is a TensorPrimitives call runs once per group. A run of stores into the per-group spans is written
/// group after group, so the runs the emitter keeps in registers (a row's cotangent added by four rows) stay together,
/// and then the shared accumulations element after element, so each element's contributions from the groups are adjacent.
/// Programs that read the per-copy spans at constant indices (straight-line programs), or store into a shared span other
/// than by adding, are not widened: they have no weights to share.
/// </remarks>
internal static class LaneGroups
{
    /// <summary>Lane groups per call: two, so that a 4-row register block of two groups (8 accumulators) fits AVX2's 16 registers.</summary>
    public const int Count = 2;

    /// <summary>The name suffix of each group's values and spans: none for the first.</summary>
    public static string Suffix(int group) => group == 0 ? "" : ((char)('A' + group)).ToString();

    /// <summary>The program on <see cref="Count"/> lane groups, or null when it is not of the form the pass handles or reads no weight in a loop.</summary>
    public static DerivativeProgram? Widen(DerivativeProgram program, LaneTypes types) => Widen(program, types, out _);

    /// <summary><see cref="Widen(DerivativeProgram, LaneTypes)"/>, with the reason when it returns null.</summary>
    public static DerivativeProgram? Widen(DerivativeProgram program, LaneTypes types, out string? reason)
    {
        reason = null;
        if (!ReadsParametersInLoops(program, program.Body, inLoop: false))
        {
            reason = "it reads no weight in a loop";
            return null;
        }
        try
        {
            return new Widening(program, types).Run();
        }
        catch (NotWidenable e)
        {
            reason = e.Message;
            return null;
        }
    }

    /// <summary>Whether the arrays of this kind are the groups' own (the shared p, vp and the summed cotangent accumulators are not).</summary>
    public static bool IsPerGroup(ArrayKind kind) => kind is not (ArrayKind.Parameters or ArrayKind.TangentParameters or ArrayKind.WJp or ArrayKind.Hp);

    private static bool ReadsParametersInLoops(DerivativeProgram program, Block block, bool inLoop)
    {
        foreach (var statement in block.Statements)
        {
            switch (statement)
            {
                case LetStmt let when inLoop:
                    var node = program.Nodes[let.Node];
                    for (int slot = 0; slot < node.Op.Arity(); slot++)
                    {
                        var arg = program.Nodes[node.Arg(slot)];
                        if (arg.Op == Op.Load && program.Arrays[arg.Index].Kind == ArrayKind.Parameters) return true;
                    }
                    if (node.Op == Op.Load && program.Arrays[node.Index].Kind == ArrayKind.Parameters) return true;
                    break;
                case ForStmt loop when ReadsParametersInLoops(program, loop.Body, inLoop: true):
                    return true;
                case IfStmt branch when ReadsParametersInLoops(program, branch.Then, inLoop) || ReadsParametersInLoops(program, branch.Else, inLoop):
                    return true;
            }
        }
        return false;
    }

    private sealed class NotWidenable(string reason) : Exception(reason);

    private sealed class Widening
    {
        private readonly DerivativeProgram _program;
        private readonly LaneTypes _types;
        private readonly List<Node> _nodes;
        private readonly List<ArrayInfo> _arrays;
        // Per group: the copy of each per-copy node and array (the first group's are the originals).
        private readonly Dictionary<int, int>[] _nodeCopies = new Dictionary<int, int>[Count];
        private readonly int[][] _arrayCopies = new int[Count][];
        // Per group: the copy of each accumulator variable (cotangents summed across regions); new ids follow the program's.
        private readonly Dictionary<int, int>[] _accumulatorCopies = new Dictionary<int, int>[Count];
        private int _nextAccumulator;

        public Widening(DerivativeProgram program, LaneTypes types)
        {
            _program = program;
            _types = types;
            _nodes = new List<Node>(program.Nodes);
            _arrays = new List<ArrayInfo>(program.Arrays);
            for (int g = 0; g < Count; g++)
            {
                _nodeCopies[g] = new Dictionary<int, int>();
                _accumulatorCopies[g] = new Dictionary<int, int>();
                _arrayCopies[g] = new int[program.Arrays.Count];
                for (int a = 0; a < program.Arrays.Count; a++)
                {
                    var array = program.Arrays[a];
                    bool copied = g > 0 && LaneTypes.IsLaneArray(array) && IsPerGroup(array.Kind);
                    _arrayCopies[g][a] = copied ? Add(_arrays, array with { Name = array.Name + Suffix(g), Group = g }) : a;
                }
            }
        }

        private static readonly int[] AllGroups = Enumerable.Range(0, Count).ToArray();

        public DerivativeProgram Run()
        {
            IrUses.Walk(_program.Body, s => { if (s is AccumulatorDeclaration d) _nextAccumulator = Math.Max(_nextAccumulator, d.Accumulator + 1); });
            var body = Widen(_program.Body, AllGroups);
            return _program with { Nodes = _nodes.ToEquatableArray(), Arrays = _arrays.ToEquatableArray(), Body = body };
        }

        private bool IsLane(int id) => id >= 0 && id < _types.Count && _types.IsLane(id);

        /// <summary>Group g's copy of a node read by a statement: a shared node is itself; a per-copy one must already be copied.</summary>
        private int Map(int g, int id)
        {
            if (g == 0 || id < 0 || !IsLane(id)) return id;
            // An accumulator's final value is a leaf read where the sum is complete: its copy is made where it is first read.
            if (_program.Nodes[id].Op == Op.Accumulator && !_nodeCopies[g].ContainsKey(id)) return Copy(g, id);
            return _nodeCopies[g].TryGetValue(id, out int copy) ? copy : throw new NotWidenable("node " + id + " is read before its copy is defined");
        }

        /// <summary>Makes group g's copy of a per-copy node whose arguments are defined.</summary>
        private int Copy(int g, int id)
        {
            if (g == 0) return id;
            // A node written in two places (a value and its recomputation in the reverse sweep) has one copy, as it has one id.
            if (_nodeCopies[g].TryGetValue(id, out int existing)) return existing;
            var node = _nodes[id];
            if (node.Op is Op.State or Op.TangentState or Op.Cotangent) throw new NotWidenable("it reads " + node.Op + " at a constant index");
            int array = node.Op is Op.Load or Op.AdjointLoad ? ArrayOf(g, node.Index) : node.Op == Op.Accumulator ? AccumulatorOf(g, node.Index) : node.Index;
            string? name = node.Name is null ? null
                : NameHint.TryParse(node.Name, out int of, out string suffix) ? NameHint.DerivedFrom(of, null, suffix + Suffix(g))
                : node.Name + Suffix(g);
            int copy = Add(_nodes, node with { A = Map(g, node.A), B = Map(g, node.B), C = Map(g, node.C), Index = array, Name = name });
            _nodeCopies[g][id] = copy;
            return copy;
        }

        private int ArrayOf(int g, int array) => _arrayCopies[g][array];

        private int AccumulatorOf(int g, int accumulator)
        {
            if (g == 0) return accumulator;
            if (!_accumulatorCopies[g].TryGetValue(accumulator, out int copy)) _accumulatorCopies[g][accumulator] = copy = _nextAccumulator++;
            return copy;
        }

        private bool IsShared(int array) => !IsPerGroup(_program.Arrays[array].Kind);

        private Block Widen(Block block, int[] groups)
        {
            var statements = new List<Stmt>();
            var stores = new List<ArrayStoreStmt>();
            foreach (var statement in block.Statements)
            {
                if (statement is ArrayStoreStmt store)
                {
                    stores.Add(store);
                    continue;
                }
                FlushStores(stores, groups, statements);
                switch (statement)
                {
                    case LetStmt let when IsLane(let.Node):
                        foreach (int g in groups) statements.Add(new LetStmt(Copy(g, let.Node)));
                        break;
                    case LetStmt let:
                        statements.Add(let);
                        break;
                    case RestoreStmt restore when IsLane(restore.Node) && !IsShared(restore.Array):
                        foreach (int g in groups) statements.Add(new RestoreStmt(Copy(g, restore.Node), ArrayOf(g, restore.Array), restore.Index));
                        break;
                    case RestoreStmt restore when !IsLane(restore.Node):
                        statements.Add(restore);
                        break;
                    case ArrayDeclarationStmt declaration:
                        foreach (int g in groups) statements.Add(new ArrayDeclarationStmt(ArrayOf(g, declaration.Array)));
                        break;
                    case ViewStmt view when IsShared(view.View):
                        // A row of a shared span (RowViews): the groups read it, or add into it, through one view.
                        statements.Add(view);
                        break;
                    case ArrayCopyStmt copy when !IsShared(copy.From) && !IsShared(copy.To):
                        foreach (int g in groups) statements.Add(new ArrayCopyStmt(ArrayOf(g, copy.From), ArrayOf(g, copy.To)));
                        break;
                    case AccumulatorDeclaration declaration:
                        foreach (int g in groups)
                            statements.Add(new AccumulatorDeclaration(AccumulatorOf(g, declaration.Accumulator), Map(g, declaration.Initial), declaration.Name + Suffix(g)));
                        break;
                    case AccumulateStmt add:
                        foreach (int g in groups) statements.Add(new AccumulateStmt(AccumulatorOf(g, add.Accumulator), Map(g, add.Node)));
                        break;
                    case ReturnStmt ret:
                        statements.AddRange(SumOverGroups(ret.Node, groups, out int total));
                        statements.Add(new ReturnStmt(total));
                        break;
                    case ForStmt loop when loop.Call is not null:
                        // A TensorPrimitives call runs over one group's span: one loop per group.
                        foreach (int g in groups) statements.Add(WidenLoop(loop, new[] { g }));
                        break;
                    case ForStmt loop:
                        statements.Add(WidenLoop(loop, groups));
                        break;
                    case IfStmt branch when !IsLane(branch.Cond):
                        var then = Widen(branch.Then, groups);
                        var otherwise = Widen(branch.Else, groups);
                        var phis = new List<PhiAssignment>();
                        foreach (var phi in branch.Phis)
                        {
                            if (!IsLane(phi.Phi)) { phis.Add(phi); continue; }
                            foreach (int g in groups) phis.Add(new PhiAssignment(Copy(g, phi.Phi), Map(g, phi.Then), Map(g, phi.Else)));
                        }
                        statements.Add(branch with { Then = then, Else = otherwise, Phis = phis.ToEquatableArray() });
                        break;
                    default:
                        // Stores at constant indices, clears: straight-line programs, which have no weights to share.
                        throw new NotWidenable("it has a " + statement.GetType().Name);
                }
            }
            FlushStores(stores, groups, statements);
            return new Block(block.Scope, statements.ToEquatableArray());
        }

        /// <summary>A run of stores: into the groups' own spans group after group, then into shared accumulators element after element.</summary>
        private void FlushStores(List<ArrayStoreStmt> stores, int[] groups, List<Stmt> into)
        {
            foreach (int g in groups)
                foreach (var store in stores.Where(s => !IsShared(s.Array)))
                    into.Add(new ArrayStoreStmt(ArrayOf(g, store.Array), store.Index, Map(g, store.Value), store.Accumulate));
            foreach (var store in stores.Where(s => IsShared(s.Array)))
            {
                if (!store.Accumulate) throw new NotWidenable("it overwrites a shared span");
                foreach (int g in groups) into.Add(store with { Value = Map(g, store.Value) });
            }
            stores.Clear();
        }

        private ForStmt WidenLoop(ForStmt loop, int[] groups)
        {
            // The running values are defined by the loop, before its body reads them; the next and exit values after it.
            foreach (var value in loop.Carried.Where(v => IsLane(v.Running)))
                foreach (int g in groups) Copy(g, value.Running);
            var body = Widen(loop.Body, groups);
            var carried = new List<CarriedValue>();
            foreach (var value in loop.Carried)
            {
                if (!IsLane(value.Running))
                {
                    carried.Add(value);
                    continue;
                }
                foreach (int g in groups)
                    carried.Add(g == 0 ? value : new CarriedValue(Map(g, value.Running), Map(g, value.Initial), Map(g, value.Next), Copy(g, value.Exit)));
            }
            var call = loop.Call is { } one && groups.Length == 1
                ? one with { Source = ArrayOf(groups[0], one.Source), Destination = ArrayOf(groups[0], one.Destination), Value = Map(groups[0], one.Value) }
                : loop.Call;
            return loop with { Body = body, Carried = carried.ToEquatableArray(), Call = call, Reduction = null };
        }

        /// <summary>The groups' values of a lane node added (the caller sums the lanes of what the kernel returns), defined by the statements returned.</summary>
        private List<Stmt> SumOverGroups(int id, int[] groups, out int total)
        {
            var lets = new List<Stmt>();
            total = Map(groups[0], id);
            if (!IsLane(id) && _nodes[id].IsConstValue(0)) return lets;
            for (int k = 1; k < groups.Length; k++)
            {
                total = Add(_nodes, new Node(Op.Add, total, Map(groups[k], id), -1, 0, 0, _program.Body.Scope, null));
                lets.Add(new LetStmt(total));
            }
            return lets;
        }

        private static int Add<T>(List<T> list, T item)
        {
            list.Add(item);
            return list.Count - 1;
        }
    }
}
