using System.Collections.Generic;
using OdeGen.Generator.Ir;

namespace OdeGen.Generator.Differentiation;

/// <summary>
/// One term of a node's linearization: the tangent of argument <see cref="Slot"/> scaled by
/// <see cref="Factor"/> (or divided by it, when <see cref="Divide"/>). Because the map is linear in the
/// tangent, the same term serves forward mode (tangent → tangent) and its transpose (cotangent → cotangent).
/// <see cref="ZeroTangentIsZero"/> marks a factor that is infinite (or 0 when divided by) at a point where the
/// function itself is finite (√x at 0, asin x at ±1): there a zero tangent gives a zero term, not 0 · ∞ = NaN.
/// That is the derivative along a direction that does not move the argument, and it is what makes
/// |v| v = √(v·v) v differentiable at rest.
/// </summary>
internal readonly record struct Partial(int Slot, int Factor, bool Divide, bool ZeroTangentIsZero = false);

/// <summary>
/// The rule table: the partial derivatives of every smooth operation, built as IR nodes (after the JVP
/// rules of JAX's <c>ad.py</c>). Select, Min and Max route the tangent of the branch taken and are handled
/// by <see cref="Routing"/>; piecewise-constant functions and comparisons have no terms.
/// </summary>
/// <remarks>
/// At the edge of a function's domain, where the function is finite but a textbook formula is 0 · ∞ or 0 / 0,
/// the rules give a limit or a stated convention, never NaN:
/// <list type="bullet">
/// <item>Pow(a, b): ∂/∂b = a^b ln a is 0 at a = 0 (its limit as a → 0⁺ for b &gt; 0), as JAX's <c>_pow_jvp_rhs</c>
/// (which takes ln 1 there); ∂/∂a = b a^(b-1) is 0 at b = 0 (a⁰ is the constant 1), as JAX's <c>_pow_jvp_lhs</c>.
/// For 0 &lt; b &lt; 1 at a = 0 it is +∞, the one-sided derivative. For a &lt; 0 the exponent's derivative
/// stays NaN: a^b is defined only at integer b there, so no derivative in b exists.</item>
/// <item>√x and ∛x at 0, asin and acos at ±1: the one-sided derivative +∞ (or -∞); a zero tangent gives 0.</item>
/// <item>atan2(0, 0): both partials 0, as PyTorch's <c>atan2_backward</c> (which masks the infinite 1/r² to 0).</item>
/// <item>|x| at 0: 0, the subgradient Math.Sign gives (PyTorch's convention); Min and Max on a tie: the
/// derivative of the first argument, one of the two one-sided derivatives (see <see cref="Routing"/>).</item>
/// <item>Sign, Floor, Ceiling: 0 everywhere, the derivative almost everywhere.</item>
/// </list>
/// Where the function itself is infinite or NaN (ln 0, 1/0, Pow(0, b &lt; 0)) the derivative is not defined and
/// the solvers report the non-finite value.
/// </remarks>
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
            case Op.Asin: terms.Add(new(0, g.Emit(Op.Sqrt, g.Sub(g.Const(1), g.Mul(a, a))), true, ZeroTangentIsZero: true)); break;
            case Op.Acos: terms.Add(new(0, g.Neg(g.Emit(Op.Sqrt, g.Sub(g.Const(1), g.Mul(a, a)))), true, ZeroTangentIsZero: true)); break;
            case Op.Atan: terms.Add(new(0, g.Add(g.Const(1), g.Mul(a, a)), true)); break;
            case Op.Atan2:
            {
                // atan2(a, b): d = (b da - a db) / (a² + b²); at the origin, where 0/0 would be NaN, both are 0. The test is
                // on a and b, not on a² + b², which also underflows to 0 near the origin, where the partials are huge.
                int r2 = g.Add(g.Mul(a, a), g.Mul(b, b));
                int zero = g.Const(0);
                int atOrigin = g.Emit(Op.And, g.Emit(Op.Equal, a, zero), g.Emit(Op.Equal, b, zero));
                terms.Add(new(0, g.Select(atOrigin, g.Const(0), g.Div(b, r2)), false));
                terms.Add(new(1, g.Select(atOrigin, g.Const(0), g.Neg(g.Div(a, r2))), false));
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
            case Op.Sqrt: terms.Add(new(0, g.Mul(g.Const(2), id), true, ZeroTangentIsZero: true)); break;
            case Op.Cbrt: terms.Add(new(0, g.Mul(g.Const(3), g.Mul(id, id)), true, ZeroTangentIsZero: true)); break;
            case Op.Pow: PowPartials(g, id, terms); break;
            // d|x| = sign(x) dx, 0 at x = 0; written with comparisons rather than Math.Sign, which throws on NaN.
            case Op.Abs: terms.Add(new(0, g.Select(g.Emit(Op.Greater, a, g.Const(0)), g.Const(1), g.Select(g.Emit(Op.Less, a, g.Const(0)), g.Const(-1), g.Const(0))), false)); break;
            // Piecewise constant: zero almost everywhere, so no term.
            case Op.Floor: case Op.Ceiling: break;
            // Ints (indices, Math.Sign) and booleans carry no tangent; (double)i of an int neither.
            case Op.ToDouble: break;
            case var op when op.IsNonDifferentiable(): break;
            // Leaves are seeded by the modes; Load, AdjointLoad, Select, Min and Max are handled there
            // (tangent and adjoint arrays, Routing) before the table is asked.
            default:
                throw new System.InvalidOperationException("No derivative rule for " + n.Op + "; every operation needs one (or an explicit statement that it has none)");
        }
        return terms;
    }

    /// <summary>
    /// d(a^b) = b a^(b-1) da + a^b ln(a) db, the second term only when b varies (see the remarks on the class
    /// for the values at a = 0 and b = 0).
    /// </summary>
    private static void PowPartials(GraphBuilder g, int id, List<Partial> terms)
    {
        int a = g[id].A, b = g[id].B;
        var exponent = g[b];
        if (exponent.IsConst)
        {
            // a^0 = 1: no term (0 · a^-1 would be NaN at a = 0). For 0 < b < 1 the factor is +∞ at a = 0.
            if (exponent.Value == 0) return;
            int factor = g.Mul(b, g.Emit(Op.Pow, a, g.Sub(b, g.Const(1))));
            terms.Add(new(0, factor, false, ZeroTangentIsZero: exponent.Value > 0 && exponent.Value < 1));
            return;
        }
        int zero = g.Const(0);
        int baseFactor = g.Select(g.Emit(Op.Equal, b, zero), zero, g.Mul(b, g.Emit(Op.Pow, a, g.Sub(b, g.Const(1)))));
        terms.Add(new(0, baseFactor, false, ZeroTangentIsZero: true));
        terms.Add(new(1, g.Select(g.Emit(Op.Equal, a, zero), zero, g.Mul(id, g.Emit(Op.Log, a))), false));
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

    /// <summary>
    /// tangent · factor, or tangent / factor; a zero factor gives a symbolic zero (-1). For a
    /// <see cref="Partial.ZeroTangentIsZero"/> term a tangent that is zero at run time gives 0.
    /// </summary>
    public static int Apply(GraphBuilder g, int tangent, Partial partial)
    {
        if (!partial.Divide && g[partial.Factor].IsConstValue(0)) return -1;
        var t = g[tangent];
        if (t.IsConstValue(0)) return -1;
        int term = partial.Divide ? g.Div(tangent, partial.Factor) : g.Mul(partial.Factor, tangent);
        if (!partial.ZeroTangentIsZero || t.IsConst) return term;
        int zero = g.Const(0);
        return g.Select(g.Emit(Op.Equal, tangent, zero), zero, term);
    }

    /// <summary>a + b where -1 is a symbolic zero.</summary>
    public static int Sum(GraphBuilder g, int a, int b) => a < 0 ? b : b < 0 ? a : g.Add(a, b);
}
