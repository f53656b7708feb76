using System;
using System.Collections.Generic;
using System.Linq;
using OdeGen.Generator.Ir;
using OdeGen.Generator.Model;

namespace OdeGen.Generator.Differentiation;

/// <summary>
/// Linearizes a program in forward mode. A tangent is a sparse map from a direction key to a node; a
/// missing key is a symbolic zero, so structural zeros never become code. With one direction whose seeds
/// are vy[j], vp[k] and vt this is the JVP; with one direction per input whose seeds are the constant 1
/// it gives the columns of a Jacobian, and the keys left on each output are its sparsity pattern.
/// Tangents are computed right after their primal, in the same region: the sweep is fused.
/// </summary>
internal sealed class ForwardMode
{
    private readonly GraphBuilder _g;
    private readonly Func<Node, SortedDictionary<int, int>?> _seed;
    private readonly Func<string, int, string> _tangentName;
    private readonly Dictionary<int, SortedDictionary<int, int>> _tangents = new();

    private ForwardMode(GraphBuilder g, Func<Node, SortedDictionary<int, int>?> seed, Func<string, int, string> tangentName)
    {
        _g = g;
        _seed = seed;
        _tangentName = tangentName;
    }

    /// <summary>
    /// Returns the primal statements interleaved with tangent definitions, and the tangent of each output.
    /// <paramref name="seed"/> gives the tangent of a leaf (null: zero); <paramref name="tangentName"/> names
    /// the tangent of a named value in a direction.
    /// </summary>
    public static (List<Stmt> Body, List<SortedDictionary<int, int>> Outputs) Linearize(
        GraphBuilder g, IrProgram program, Func<Node, SortedDictionary<int, int>?> seed, Func<string, int, string> tangentName)
    {
        var mode = new ForwardMode(g, seed, tangentName);
        var body = new List<Stmt>();
        g.Enter(0, body);
        mode.Block(program.Body);
        g.Exit();
        var outputs = program.Outputs.Select(mode.TangentOf).ToList();
        return (body, outputs);
    }

    private void Block(Block block)
    {
        foreach (var statement in block.Statements)
        {
            switch (statement)
            {
                case LetStmt let:
                    _g.Append(let);
                    Node(let.Node);
                    break;
                case IfStmt branch:
                    If(branch);
                    break;
                default:
                    throw new InvalidOperationException("Forward mode met " + statement.GetType().Name);
            }
        }
    }

    private void If(IfStmt branch)
    {
        var thenBlock = Region(branch.Then);
        var elseBlock = Region(branch.Else);
        var phis = new List<PhiAssignment>(branch.Phis);
        foreach (var phi in branch.Phis)
        {
            var a = TangentOf(phi.Then);
            var b = TangentOf(phi.Else);
            var merged = new SortedDictionary<int, int>();
            foreach (int key in a.Keys.Union(b.Keys))
            {
                int t = _g.Phi(_tangentName(_g[phi.Phi].Name ?? "phi", key));
                phis.Add(new PhiAssignment(t, a.TryGetValue(key, out int x) ? x : _g.Const(0), b.TryGetValue(key, out int y) ? y : _g.Const(0)));
                merged[key] = t;
            }
            if (merged.Count > 0) _tangents[phi.Phi] = merged;
        }
        _g.Append(new IfStmt(branch.Cond, thenBlock, elseBlock, phis.ToEquatableArray()));
    }

    private Block Region(Block block)
    {
        var statements = new List<Stmt>();
        _g.Enter(block.Scope, statements);
        Block(block);
        _g.Exit();
        return new Block(block.Scope, statements.ToEquatableArray());
    }

    private void Node(int id)
    {
        var node = _g[id];
        var result = new SortedDictionary<int, int>();
        if (Rules.Routing(_g, id) is { } routing)
        {
            var a = TangentOf(node.Arg(routing.Then));
            var b = TangentOf(node.Arg(routing.Else));
            foreach (int key in a.Keys.Union(b.Keys))
            {
                int x = a.TryGetValue(key, out int ta) ? ta : _g.Const(0);
                int y = b.TryGetValue(key, out int tb) ? tb : _g.Const(0);
                Put(result, key, _g.Select(routing.Condition, x, y));
            }
        }
        else
        {
            foreach (var partial in Rules.Partials(_g, id))
            {
                foreach (var entry in TangentOf(node.Arg(partial.Slot)))
                {
                    int term = Rules.Apply(_g, entry.Value, partial);
                    if (term < 0) continue;
                    Put(result, entry.Key, result.TryGetValue(entry.Key, out int sum) ? _g.Add(sum, term) : term);
                }
            }
        }
        if (result.Count == 0) return;
        if (node.Name is not null)
        {
            foreach (var entry in result) _g.SetNameIfUnnamed(entry.Value, _tangentName(node.Name, entry.Key));
        }
        _tangents[id] = result;
    }

    private void Put(SortedDictionary<int, int> map, int key, int value)
    {
        if (_g[value].IsConstValue(0)) map.Remove(key);
        else map[key] = value;
    }

    private SortedDictionary<int, int> TangentOf(int id)
    {
        if (_tangents.TryGetValue(id, out var tangent)) return tangent;
        var node = _g[id];
        if (node.Op.IsLeaf() && node.Op != Op.Phi)
        {
            tangent = _seed(node) ?? new SortedDictionary<int, int>();
            _tangents[id] = tangent;
            return tangent;
        }
        return new SortedDictionary<int, int>();
    }
}
