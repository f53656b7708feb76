using OdeGen.Generator.Ir;
using OdeGen.Generator.Passes;

namespace OdeGen.Generator.Emission;

/// <summary>
/// Lane kernels: the same program with every per-copy value a <c>Vector&lt;double&gt;</c> (<see cref="LaneTypes"/>).
/// A scalar operand meeting a vector is broadcast (or multiplies it directly, which the JIT folds into an embedded
/// broadcast), and a product feeding a sum becomes one fused multiply-add.
/// </summary>
internal sealed partial class ProgramEmitter
{
    private const string Vector = "Vector";
    private const string VectorOfDouble = "Vector<double>";

    private bool InLanes(int id) => _lanes is not null && _lanes.IsLane(id);

    /// <summary>A node where a vector is needed: a scalar is broadcast.</summary>
    private string LaneOperand(int id, int context)
    {
        if (_lanes is null || _lanes.IsLane(id)) return Print(id, context);
        var node = N(id);
        if (node.IsConstValue(0)) return VectorOfDouble + ".Zero";
        if (node.IsConstValue(1)) return VectorOfDouble + ".One";
        return Vector + ".Create(" + Print(id, 0) + ")";
    }

    /// <summary><see cref="Expression"/> where a vector is needed (a store into a lane span, a lane variable).</summary>
    private string LaneExpression(int id) => _lanes is null ? Expression(id) : LaneOperand(id, 0);

    /// <summary>A product of two lane-kernel operands that a sum may absorb as a fused multiply-add, when it is written inline.</summary>
    private bool IsFusable(int id) => _lanes is not null && N(id).Op == Op.Mul && _lanes.IsLane(id) && !IsNamed(id) && IsInlined(id) && !_hoisted.ContainsKey(id);

    /// <summary><c>product + addend</c> as one rounding: <c>Vector.FusedMultiplyAdd(a, b, addend)</c>.</summary>
    private string FusedMultiplyAdd(int product, string addend)
    {
        var mul = N(product);
        return Vector + ".FusedMultiplyAdd(" + LaneOperand(mul.A, 0) + ", " + LaneOperand(mul.B, 0) + ", " + addend + ")";
    }

    /// <summary>A lane value computed inline (its kind is <see cref="LaneKind.Lane"/> or <see cref="LaneKind.Mask"/>).</summary>
    private (string Text, int Precedence) RenderLane(int id, Node node)
    {
        // A shared value that a lane span holds (it is read back from one) is computed once and broadcast.
        bool fromScalars = true;
        for (int slot = 0; slot < node.Op.Arity(); slot++) fromScalars &= !_lanes!.IsLane(node.Arg(slot));
        if (fromScalars) return (Vector + ".Create(" + Render(id, node).Text + ")", Primary);
        switch (node.Op)
        {
            case Op.Neg: return ("-" + LaneOperand(node.A, Unary + 1), Unary);
            case Op.Add:
                if (IsFusable(node.A)) return (FusedMultiplyAdd(node.A, LaneOperand(node.B, 0)), Primary);
                if (IsFusable(node.B)) return (FusedMultiplyAdd(node.B, LaneOperand(node.A, 0)), Primary);
                return (LaneOperand(node.A, Additive) + " + " + LaneOperand(node.B, Additive + 1), Additive);
            case Op.Sub: return (LaneOperand(node.A, Additive) + " - " + LaneOperand(node.B, Additive + 1), Additive);
            // Vector<double> * double and double * Vector<double> exist: a scalar factor needs no broadcast in the source.
            case Op.Mul: return (Print(node.A, Multiplicative) + " * " + Print(node.B, Multiplicative + 1), Multiplicative);
            case Op.Div when !_lanes!.IsLane(node.B): return (Print(node.A, Multiplicative) + " / " + Print(node.B, Multiplicative + 1), Multiplicative);
            case Op.Div: return (LaneOperand(node.A, Multiplicative) + " / " + Print(node.B, Multiplicative + 1), Multiplicative);
            // The generic comparisons: a mask of doubles (all ones or zeros per lane), as ConditionalSelect takes it.
            case Op.Less: return (Call("LessThan<double>", node), Primary);
            case Op.LessOrEqual: return (Call("LessThanOrEqual<double>", node), Primary);
            case Op.Greater: return (Call("GreaterThan<double>", node), Primary);
            case Op.GreaterOrEqual: return (Call("GreaterThanOrEqual<double>", node), Primary);
            case Op.Equal: return (Call("Equals<double>", node), Primary);
            case Op.NotEqual: return ("~" + Call("Equals<double>", node), Unary);
            case Op.And: return (Print(node.A, LogicalAnd) + " & " + Print(node.B, LogicalAnd + 1), LogicalAnd);
            case Op.Or: return (Print(node.A, LogicalOr) + " | " + Print(node.B, LogicalOr + 1), LogicalOr);
            case Op.Not: return ("~" + Print(node.A, Unary + 1), Unary);
            case Op.Select when _lanes!.IsLane(node.A):
                return (Vector + ".ConditionalSelect(" + Print(node.A, 0) + ", " + LaneOperand(node.B, 0) + ", " + LaneOperand(node.C, 0) + ")", Primary);
            case Op.Select: return (Print(node.A, LogicalOr) + " ? " + LaneOperand(node.B, Conditional) + " : " + LaneOperand(node.C, Conditional), Conditional);
            case Op.Sigmoid:
                return (VectorOfDouble + ".One / (" + VectorOfDouble + ".One + " + Vector + ".Exp(-" + Print(node.A, Unary + 1) + "))", Multiplicative);
            default:
                string arguments = node.Op.Arity() == 2 ? LaneOperand(node.A, 0) + ", " + LaneOperand(node.B, 0) : LaneOperand(node.A, 0);
                return (LaneFunction(node.Op) + "(" + arguments + ")", Primary);
        }
    }

    private string Call(string function, Node node) => Vector + "." + function + "(" + LaneOperand(node.A, 0) + ", " + LaneOperand(node.B, 0) + ")";

    /// <summary>
    /// Vector has Exp, Log, Sin, Cos, Sqrt and the exact ones; the others are OdeGen.Lanes', which apply System.Math
    /// to each lane, so that they round as the per-copy code does.
    /// </summary>
    private static string LaneFunction(Op op) => op switch
    {
        Op.Sqrt => Vector + ".SquareRoot",
        Op.Exp or Op.Log or Op.Sin or Op.Cos or Op.Abs or Op.Floor or Op.Ceiling or Op.Min or Op.Max => Vector + "." + op.MathName(),
        _ => "global::OdeGen.Lanes." + op.MathName(),
    };
}
