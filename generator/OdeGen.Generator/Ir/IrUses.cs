using System.Collections.Generic;
using System.Linq;

namespace OdeGen.Generator.Ir;

/// <summary>Questions about a block's nodes, asked by the loop analyses: who uses what, and in which order values are defined.</summary>
internal static class IrUses
{
    /// <summary>
    /// How many times each node is read in <paramref name="block"/> and its nested regions on any one path:
    /// the two branches of an If exclude each other, so a node read once in each branch counts once.
    /// </summary>
    public static Dictionary<int, int> CountOnAnyPath(Block block, GraphBuilder graph)
    {
        var uses = new Dictionary<int, int>();
        void Use(Dictionary<int, int> into, int id, int times = 1)
        {
            if (id >= 0) into[id] = into.TryGetValue(id, out int n) ? n + times : times;
        }
        foreach (var statement in block.Statements)
        {
            switch (statement)
            {
                case LetStmt let:
                    var node = graph[let.Node];
                    for (int slot = 0; slot < node.Op.Arity(); slot++) Use(uses, node.Arg(slot));
                    break;
                case IfStmt branch:
                    Use(uses, branch.Cond);
                    var then = CountOnAnyPath(branch.Then, graph);
                    var otherwise = CountOnAnyPath(branch.Else, graph);
                    foreach (var phi in branch.Phis) { Use(then, phi.Then); Use(otherwise, phi.Else); }
                    foreach (int id in then.Keys.Concat(otherwise.Keys).Distinct().ToList())
                        Use(uses, id, System.Math.Max(then.TryGetValue(id, out int a) ? a : 0, otherwise.TryGetValue(id, out int b) ? b : 0));
                    break;
                case ForStmt loop:
                    Use(uses, loop.From);
                    Use(uses, loop.To);
                    foreach (var carried in loop.Carried) { Use(uses, carried.Initial); Use(uses, carried.Next); }
                    foreach (var entry in CountOnAnyPath(loop.Body, graph)) Use(uses, entry.Key, entry.Value);
                    break;
                case ArrayStoreStmt store:
                    Use(uses, store.Index);
                    Use(uses, store.Value);
                    break;
            }
        }
        return uses;
    }

    /// <summary>Every node defined in the block and its nested regions, in the order the definitions run.</summary>
    public static List<int> Definitions(Block block, GraphBuilder graph)
    {
        var order = new List<int>();
        Walk(block, statement =>
        {
            if (statement is LetStmt let) order.Add(let.Node);
        }, after: statement =>
        {
            if (statement is IfStmt branch) foreach (var phi in branch.Phis) order.Add(phi.Phi);
            if (statement is ForStmt loop) foreach (var carried in loop.Carried) order.Add(carried.Exit);
        });
        return order;
    }

    /// <summary>The values merged into a phi defined in the block: both branch values of an If, or a loop's initial value.</summary>
    public static IReadOnlyList<int>? PhiSources(Block block, int phi)
    {
        IReadOnlyList<int>? found = null;
        Walk(block, statement =>
        {
            if (statement is IfStmt branch)
                foreach (var p in branch.Phis) if (p.Phi == phi) found = new[] { p.Then, p.Else };
            if (statement is ForStmt loop)
                foreach (var c in loop.Carried) if (c.Exit == phi) found = new[] { c.Initial };
        });
        return found;
    }

    /// <summary>Visits the statements of a block and its nested regions, depth first.</summary>
    public static void Walk(Block block, System.Action<Stmt> visit, System.Action<Stmt>? after = null)
    {
        foreach (var statement in block.Statements)
        {
            visit(statement);
            if (statement is IfStmt branch)
            {
                Walk(branch.Then, visit, after);
                Walk(branch.Else, visit, after);
            }
            else if (statement is ForStmt loop)
            {
                Walk(loop.Body, visit, after);
            }
            after?.Invoke(statement);
        }
    }
}
