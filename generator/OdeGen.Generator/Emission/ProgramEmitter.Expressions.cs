using System;
using OdeGen.Generator.Ir;

namespace OdeGen.Generator.Emission;

/// <summary>Expressions: a node printed inline or by its variable's name, with as few parentheses as precedence allows.</summary>
internal sealed partial class ProgramEmitter
{
    private const int Conditional = 1, LogicalOr = 2, LogicalAnd = 3, Equality = 4, Relational = 5, Additive = 6, Multiplicative = 7, Unary = 8, Primary = 9;

    private string Expression(int id, bool bind = true) => Print(id, 0, bind);

    private string Print(int id, int context, bool bind = true)
    {
        if (_hoisted.TryGetValue(id, out var hoisted)) return hoisted;
        var node = N(id);
        if (bind && !node.Op.IsLeaf() && !IsInlined(id))
        {
            if (_nodeNames.TryGetValue(id, out var name)) return name;
            return Define(id);
        }
        var (text, precedence) = InLanes(id) && !node.Op.IsLeaf() && node.Op is not (Op.Load or Op.AdjointLoad) ? RenderLane(id, node) : Render(id, node);
        return precedence < context ? "(" + text + ")" : text;
    }

    private bool IsInlined(int id)
    {
        foreach (var set in _inlined)
        {
            if (set.Contains(id)) return true;
        }
        return false;
    }

    private (string Text, int Precedence) Render(int id, Node node)
    {
        switch (node.Op)
        {
            case Op.Const:
                string literal = Literals.Double(node.Value);
                return (literal, literal.StartsWith("-", StringComparison.Ordinal) ? Unary : Primary);
            case Op.Time: return (_spans.Time, Primary);
            case Op.State or Op.Parameter or Op.TangentState or Op.TangentParameter or Op.Cotangent:
                return (InputSpan(node.Op) + "[" + Literals.Int(node.Index) + "]", Primary);
            case Op.TangentTime: return (_spans.TangentTime, Primary);
            case Op.Accumulator: return (_accumulatorNames[node.Index], Primary);
            case Op.Phi or Op.Running or Op.LoopIndex: return (_nodeNames[id], Primary);
            case Op.IntConst:
                string integer = Literals.Int((int)node.Value);
                return (integer, integer.StartsWith("-", StringComparison.Ordinal) ? Unary : Primary);
            case Op.Load or Op.AdjointLoad: return (ArrayName(node.Index) + "[" + Print(node.A, 0) + "]", Primary);
            case Op.IntAdd: return (Print(node.A, Additive) + " + " + Print(node.B, Additive + 1), Additive);
            case Op.IntSub: return (Print(node.A, Additive) + " - " + Print(node.B, Additive + 1), Additive);
            case Op.IntMul: return (Print(node.A, Multiplicative) + " * " + Print(node.B, Multiplicative + 1), Multiplicative);
            case Op.IntDiv: return (Print(node.A, Multiplicative) + " / " + Print(node.B, Multiplicative + 1), Multiplicative);
            case Op.IntRem: return (Print(node.A, Multiplicative) + " % " + Print(node.B, Multiplicative + 1), Multiplicative);
            case Op.ToDouble: return ("(double)" + Print(node.A, Unary + 1), Unary);
            case Op.Neg: return ("-" + Print(node.A, Unary + 1), Unary);
            case Op.Add:
                // a + (-c) is written a - c: the same IEEE result.
                if (N(node.B) is { IsConst: true } c && c.Value < 0)
                    return (Print(node.A, Additive) + " - " + Literals.Double(-c.Value), Additive);
                return (Print(node.A, Additive) + " + " + Print(node.B, Additive + 1), Additive);
            case Op.Sub: return (Print(node.A, Additive) + " - " + Print(node.B, Additive + 1), Additive);
            case Op.Mul: return (Print(node.A, Multiplicative) + " * " + Print(node.B, Multiplicative + 1), Multiplicative);
            case Op.Div: return (Print(node.A, Multiplicative) + " / " + Print(node.B, Multiplicative + 1), Multiplicative);
            case Op.Less: return (Print(node.A, Relational + 1) + " < " + Print(node.B, Relational + 1), Relational);
            case Op.LessOrEqual: return (Print(node.A, Relational + 1) + " <= " + Print(node.B, Relational + 1), Relational);
            case Op.Greater: return (Print(node.A, Relational + 1) + " > " + Print(node.B, Relational + 1), Relational);
            case Op.GreaterOrEqual: return (Print(node.A, Relational + 1) + " >= " + Print(node.B, Relational + 1), Relational);
            case Op.Equal: return (Print(node.A, Equality + 1) + " == " + Print(node.B, Equality + 1), Equality);
            case Op.NotEqual: return (Print(node.A, Equality + 1) + " != " + Print(node.B, Equality + 1), Equality);
            case Op.And: return (Print(node.A, LogicalAnd) + " && " + Print(node.B, LogicalAnd + 1), LogicalAnd);
            case Op.Or: return (Print(node.A, LogicalOr) + " || " + Print(node.B, LogicalOr + 1), LogicalOr);
            case Op.Not: return ("!" + Print(node.A, Unary + 1), Unary);
            case Op.Select: return (Print(node.A, LogicalOr) + " ? " + Print(node.B, Conditional) + " : " + Print(node.C, Conditional), Conditional);
            // Only where a TensorPrimitives.Sigmoid value must be recomputed element by element (the call itself is kept).
            case Op.Sigmoid: return ("1.0 / (1.0 + global::System.Math.Exp(-" + Print(node.A, Unary + 1) + "))", Multiplicative);
            default:
                string function = "global::System.Math." + node.Op.MathName();
                string arguments = node.Op.Arity() == 2 ? Print(node.A, 0) + ", " + Print(node.B, 0) : Print(node.A, 0);
                return (function + "(" + arguments + ")", Primary);
        }
    }

    private static string BaseName(Op op) => op.BaseName();

    /// <summary>The input span an element leaf reads: y, p, vy, vp or w.</summary>
    private string InputSpan(Op op) => op switch
    {
        Op.State => _spans.State,
        Op.Parameter => _spans.Parameters,
        Op.TangentState => _spans.TangentState,
        Op.TangentParameter => _spans.TangentParameters,
        _ => _spans.Cotangent,
    };
}
