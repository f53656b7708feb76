using System.Collections.Generic;
using OdeGen.Generator.Ir;

namespace OdeGen.Generator.Differentiation;

/// <summary>
/// One term of a node's linearization: the tangent of argument <see cref="Slot"/> scaled by
/// <see cref="Factor"/> (or divided by it, when <see cref="Divide"/>). Because the map is linear in the
/// tangent, the same term serves forward mode (tangent → tangent) and its transpose (cotangent → cotangent).
/// </summary>
internal readonly record struct Partial(int Slot, int Factor, bool Divide);

/// <summary>
/// The rule table: the partial derivatives of every smooth operation, built as IR nodes (after the JVP
/// rules of JAX's <c>ad.py</c>). Select, Min and Max route the tangent of the branch taken and are handled
/// by <see cref="Routing"/>; piecewise-constant functions and comparisons have no terms.
/// </summary>
internal static class Rules
{
    private static readonly double Ln10 = System.Math.Log(10.0);

    public static List<Partial> Partials(GraphBuilder g, int id)
    {
        var n = g[id];
        int a = n.A, b = n.B;
        var terms = new List<Partial>(2);
        switch (n.Op)
        {
            case Op.Neg: terms.Add(new(0, g.Const(-1), false)); break;
            case Op.Add: terms.Add(new(0, g.Const(1), false)); terms.Add(new(1, g.Const(1), false)); break;
            case Op.Sub: terms.Add(new(0, g.Const(1), false)); terms.Add(new(1, g.Const(-1), false)); break;
            case Op.Mul: terms.Add(new(0, b, false)); terms.Add(new(1, a, false)); break;
            // d(a/b) = da / b - (a/b) db / b
            case Op.Div: terms.Add(new(0, b, true)); terms.Add(new(1, g.Neg(g.Div(id, b)), false)); break;
            case Op.Sin: terms.Add(new(0, g.Emit(Op.Cos, a), false)); break;
            case Op.Cos: terms.Add(new(0, g.Neg(g.Emit(Op.Sin, a)), false)); break;
            // d tan x = (1 + tan² x) dx
            case Op.Tan: terms.Add(new(0, g.Add(g.Const(1), g.Mul(id, id)), false)); break;
            case Op.Asin: terms.Add(new(0, g.Emit(Op.Sqrt, g.Sub(g.Const(1), g.Mul(a, a))), true)); break;
            case Op.Acos: terms.Add(new(0, g.Neg(g.Emit(Op.Sqrt, g.Sub(g.Const(1), g.Mul(a, a)))), true)); break;
            case Op.Atan: terms.Add(new(0, g.Add(g.Const(1), g.Mul(a, a)), true)); break;
            case Op.Atan2:
            {
                // atan2(a, b): d = (b da - a db) / (a² + b²)
                int r2 = g.Add(g.Mul(a, a), g.Mul(b, b));
                terms.Add(new(0, g.Div(b, r2), false));
                terms.Add(new(1, g.Neg(g.Div(a, r2)), false));
                break;
            }
            case Op.Sinh: terms.Add(new(0, g.Emit(Op.Cosh, a), false)); break;
            case Op.Cosh: terms.Add(new(0, g.Emit(Op.Sinh, a), false)); break;
            // d tanh x = (1 - tanh² x) dx, reusing the primal tanh
            case Op.Tanh: terms.Add(new(0, g.Sub(g.Const(1), g.Mul(id, id)), false)); break;
            case Op.Exp: terms.Add(new(0, id, false)); break;
            // d sigmoid x = sigmoid x (1 - sigmoid x) dx, from the primal value alone
            case Op.Sigmoid: terms.Add(new(0, g.Mul(id, g.Sub(g.Const(1), id)), false)); break;
            case Op.Log: terms.Add(new(0, a, true)); break;
            case Op.Log10: terms.Add(new(0, g.Mul(a, g.Const(Ln10)), true)); break;
            case Op.Sqrt: terms.Add(new(0, g.Mul(g.Const(2), id), true)); break;
            case Op.Cbrt: terms.Add(new(0, g.Mul(g.Const(3), g.Mul(id, id)), true)); break;
            case Op.Pow:
            {
                // d(a^b) = b a^(b-1) da + a^b ln(a) db; the second term only when b varies.
                var exponent = g[b];
                int power = g.Emit(Op.Pow, a, g.Sub(b, g.Const(1)));
                terms.Add(new(0, g.Mul(b, power), false));
                if (!exponent.IsConst) terms.Add(new(1, g.Mul(id, g.Emit(Op.Log, a)), false));
                break;
            }
            // d|x| = sign(x) dx, with Math.Sign's int made a double so that it can be merged with other doubles.
            case Op.Abs: terms.Add(new(0, g.Emit(Op.ToDouble, g.Emit(Op.Sign, a)), false)); break;
        }
        return terms;
    }

    /// <summary>
    /// For operations that pass on one argument's tangent unchanged depending on a condition:
    /// the condition and the two routed slots (tangent = condition ? t[Then] : t[Else]).
    /// </summary>
    public static (int Condition, int Then, int Else)? Routing(GraphBuilder g, int id)
    {
        var n = g[id];
        return n.Op switch
        {
            Op.Select => (n.A, 1, 2),
            Op.Min => (g.Emit(Op.LessOrEqual, n.A, n.B), 0, 1),
            Op.Max => (g.Emit(Op.GreaterOrEqual, n.A, n.B), 0, 1),
            _ => null,
        };
    }

    /// <summary>tangent · factor, or tangent / factor; a zero factor gives a symbolic zero (-1).</summary>
    public static int Apply(GraphBuilder g, int tangent, Partial partial)
    {
        if (partial.Divide) return g.Div(tangent, partial.Factor);
        if (g[partial.Factor].IsConstValue(0)) return -1;
        return g.Mul(partial.Factor, tangent);
    }

    /// <summary>a + b where -1 is a symbolic zero.</summary>
    public static int Sum(GraphBuilder g, int a, int b) => a < 0 ? b : b < 0 ? a : g.Add(a, b);
}
