using System;
using System.Linq;
using OdeGen.Generator.Differentiation;
using OdeGen.Generator.Ir;
using Xunit;

namespace OdeGen.Generator.Tests.Differentiation;

/// <summary>The derivative rule table covers every operation: none is silently given a zero derivative.</summary>
public class RuleTableTests
{
    /// <summary>Memory reads, whose derivatives the two modes take from tangent and adjoint arrays.</summary>
    private static readonly Op[] HandledByTheModes = { Op.Load, Op.AdjointLoad };

    [Fact]
    public void Every_operation_has_a_rule()
    {
        foreach (var op in Enum.GetValues(typeof(Op)).Cast<Op>())
        {
            if (op.IsLeaf() || HandledByTheModes.Contains(op)) continue;
            var g = new GraphBuilder();
            int id = Node(g, op);
            if (Rules.Routing(g, id) is not null) continue;
            var terms = Rules.Partials(g, id);
            // Operations with a derivative that is not zero almost everywhere have a term per argument that carries one.
            bool zeroAlmostEverywhere = op.IsNonDifferentiable() || op is Op.Floor or Op.Ceiling or Op.ToDouble;
            Assert.True(zeroAlmostEverywhere || terms.Count > 0, op + " has no derivative terms");
        }
    }

    [Fact]
    public void An_operation_without_a_rule_is_an_error_not_a_zero()
    {
        var g = new GraphBuilder();
        int id = Node(g, (Op)1000);
        var e = Assert.Throws<InvalidOperationException>(() => Rules.Partials(g, id));
        Assert.Contains("No derivative rule", e.Message);
    }

    [Fact]
    public void Memory_reads_are_left_to_the_modes()
    {
        var g = new GraphBuilder();
        int id = g.Load(0, g.IntConst(0));
        Assert.Throws<InvalidOperationException>(() => Rules.Partials(g, id));
    }

    /// <summary>A node of <paramref name="op"/> over distinct state leaves (booleans over comparisons, ints over int leaves).</summary>
    private static int Node(GraphBuilder g, Op op)
    {
        int x = g.Leaf(Op.State, 0), y = g.Leaf(Op.State, 1), z = g.Leaf(Op.State, 2);
        if (op is Op.And or Op.Or or Op.Not or Op.Select) x = g.Emit(Op.Less, x, y);
        if (op is Op.And or Op.Or) y = g.Emit(Op.Less, y, z);
        if (op is >= Op.IntAdd and <= Op.IntRem or Op.ToDouble) { x = g.Leaf(Op.LoopIndex); y = g.IntConst(3); }
        return op.Arity() switch
        {
            1 => g.Emit(op, x),
            2 => g.Emit(op, x, y),
            3 => g.Emit(op, x, y, z),
            _ => g.Emit(op, x),
        };
    }
}
