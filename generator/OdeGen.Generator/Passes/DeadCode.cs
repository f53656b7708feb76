using System.Collections.Generic;
using System.Linq;
using OdeGen.Generator.Differentiation;
using OdeGen.Generator.Ir;
using OdeGen.Generator.Model;

namespace OdeGen.Generator.Passes;

/// <summary>
/// Removes the definitions no store, return or accumulation needs, and the loops left with nothing to do: a reverse
/// sweep recomputes every forward loop of its row, and only some of those values are read. The loop passes that follow
/// see the loops that remain.
/// </summary>
/// <remarks>
/// A node may be defined in several blocks (a forward loop and its recomputation in the reverse sweep), so liveness is
/// decided per definition, backwards through each block: a definition is live when a later statement of its block, or
/// of a region nested there, reads it. Stores are kept even into scratch nobody reads, branches are kept whole, and so
/// are the loops of TensorPrimitives calls (their call writes the values): what goes cannot change a result.
/// </remarks>
internal static class DeadCode
{
    public static DerivativeProgram Apply(DerivativeProgram program)
    {
        var body = Prune(program.Body, new HashSet<int>(), program.Nodes);
        return program with { Body = body };
    }

    /// <summary>The block without its dead statements; <paramref name="needed"/> comes in as what runs after it needs, and leaves as what the block needs before it.</summary>
    private static Block Prune(Block block, HashSet<int> needed, EquatableArray<Node> nodes)
    {
        var kept = new List<Stmt>();
        void Use(int id)
        {
            if (id >= 0) needed.Add(id);
        }
        for (int s = block.Statements.Count - 1; s >= 0; s--)
        {
            var statement = block.Statements[s];
            switch (statement)
            {
                case LetStmt let:
                    if (!needed.Remove(let.Node)) continue;
                    var node = nodes[let.Node];
                    for (int slot = 0; slot < node.Op.Arity(); slot++) Use(node.Arg(slot));
                    break;
                case RestoreStmt restore:
                    if (!needed.Remove(restore.Node)) continue;
                    Use(restore.Index);
                    break;
                case ReductionStmt reduction:
                    if (!needed.Remove(reduction.Call.Value)) continue;
                    Use(reduction.Call.FirstOffset);
                    Use(reduction.Call.SecondOffset);
                    break;
                case ArrayStoreStmt store:
                    Use(store.Index);
                    Use(store.Value);
                    break;
                case StoreStmt store:
                    Use(store.Node);
                    break;
                case ReturnStmt ret:
                    Use(ret.Node);
                    break;
                case AccumulateStmt add:
                    Use(add.Node);
                    break;
                case AccumulatorDeclaration declaration:
                    Use(declaration.Initial);
                    break;
                case IfStmt branch:
                    foreach (var phi in branch.Phis) { needed.Remove(phi.Phi); Use(phi.Then); Use(phi.Else); }
                    Use(branch.Cond);
                    UseEverything(branch.Then, nodes, needed);
                    UseEverything(branch.Else, nodes, needed);
                    break;
                case ForStmt { Call: not null } call:
                    foreach (var value in call.Carried) { needed.Remove(value.Exit); Use(value.Initial); }
                    UseEverything(call.Body, nodes, needed);
                    Use(call.From);
                    Use(call.To);
                    break;
                case ForStmt loop:
                    var pruned = PruneLoop(loop, needed, nodes);
                    if (pruned is null) continue;
                    statement = pruned;
                    break;
            }
            kept.Add(statement);
        }
        kept.Reverse();
        return new Block(block.Scope, kept.ToEquatableArray());
    }

    /// <summary>
    /// A loop keeps the carried values read after it or inside it, and the body statements they and its stores need,
    /// found again until no carried value is added (an iteration reads the previous one's value). Null when nothing is left.
    /// </summary>
    private static ForStmt? PruneLoop(ForStmt loop, HashSet<int> needed, EquatableArray<Node> nodes)
    {
        var live = new HashSet<CarriedValue>(loop.Carried.Where(v => needed.Contains(v.Exit)));
        while (true)
        {
            var inside = new HashSet<int>(live.Select(v => v.Next));
            var body = Prune(loop.Body, inside, nodes);
            int before = live.Count;
            foreach (var value in loop.Carried) if (inside.Contains(value.Running)) live.Add(value);
            if (live.Count != before) continue;
            foreach (var value in loop.Carried) needed.Remove(value.Exit);
            if (body.Statements.Count == 0 && live.Count == 0) return null;
            inside.Remove(loop.LoopIndex);
            foreach (var value in loop.Carried) inside.Remove(value.Running);
            needed.UnionWith(inside);
            foreach (var value in live) needed.Add(value.Initial);
            needed.Add(loop.From);
            needed.Add(loop.To);
            return loop with { Body = body, Carried = loop.Carried.Where(live.Contains).ToEquatableArray() };
        }
    }

    /// <summary>Keeps a region whole: every node its statements read is needed before it.</summary>
    private static void UseEverything(Block block, EquatableArray<Node> nodes, HashSet<int> needed)
    {
        IrUses.Walk(block, statement =>
        {
            void Use(int id)
            {
                if (id >= 0) needed.Add(id);
            }
            switch (statement)
            {
                case LetStmt let:
                    var node = nodes[let.Node];
                    for (int slot = 0; slot < node.Op.Arity(); slot++) Use(node.Arg(slot));
                    break;
                case RestoreStmt restore: Use(restore.Index); break;
                case ReductionStmt reduction: Use(reduction.Call.FirstOffset); Use(reduction.Call.SecondOffset); break;
                case ArrayStoreStmt store: Use(store.Index); Use(store.Value); break;
                case StoreStmt store: Use(store.Node); break;
                case ReturnStmt ret: Use(ret.Node); break;
                case AccumulateStmt add: Use(add.Node); break;
                case AccumulatorDeclaration declaration: Use(declaration.Initial); break;
                case IfStmt branch: Use(branch.Cond); foreach (var phi in branch.Phis) { Use(phi.Then); Use(phi.Else); } break;
                case ForStmt loop: Use(loop.From); Use(loop.To); foreach (var value in loop.Carried) { Use(value.Initial); Use(value.Next); } break;
            }
        });
    }
}
