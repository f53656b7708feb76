using System.Collections.Generic;
using System.Linq;
using OdeGen.Generator.Ir;
using OdeGen.Generator.Model;

namespace OdeGen.Generator.Differentiation;

/// <summary>
/// The second-order product JvpVjp as the JVP of the VJP program (forward over reverse; Griewank and Walther,
/// Evaluating Derivatives, 2nd ed., §5.3). Differentiating g(y, p) = wᵀ f'(y, p), with w fixed, along (vy, vp) gives
/// hy = Σ_k w_k ∂²f_k/∂y∂(y, p) · (vy, vp), which by the symmetry of second derivatives is wᵀ ∂jv/∂y with
/// jv = (∂f/∂y) vy + (∂f/∂p) vp + (∂f/∂t) vt; likewise hp; and the tangent of the f the VJP writes is jv itself.
/// </summary>
internal static class ForwardOverReverse
{
    /// <summary>
    /// The body of JvpVjp from the VJP program <paramref name="vjp"/> built in regions <paramref name="scopes"/>. An
    /// accumulating VJP (loops) gives a body that adds into hy and hp; a straight-line one overwrites them.
    /// </summary>
    public static DerivativeProgram JvpVjp(DerivativeProgram vjp, EquatableArray<int> scopes)
    {
        var arrays = vjp.Arrays.ToList();
        int Add(ArrayKind kind, int length, string name)
        {
            arrays.Add(new ArrayInfo(kind, length, name));
            return arrays.Count - 1;
        }
        var tangentArrays = new Dictionary<int, int>
        {
            [Arrays.State] = Add(ArrayKind.TangentState, arrays[Arrays.State].Length, "vy"),
            [Arrays.Parameters] = Add(ArrayKind.TangentParameters, arrays[Arrays.Parameters].Length, "vp"),
            // f written by loops: its tangent goes into jv, under dy's guard.
            [Arrays.Derivative] = Add(ArrayKind.Derivative, arrays[Arrays.Derivative].Length, "jv"),
        };
        var outputs = new List<int> { Arrays.Derivative };
        foreach (var (kind, second, name) in new[] { (ArrayKind.WJy, ArrayKind.Hy, "hy"), (ArrayKind.WJp, ArrayKind.Hp, "hp") })
        {
            int cotangent = arrays.FindIndex(a => a.Kind == kind);
            if (cotangent < 0) continue;
            tangentArrays[cotangent] = Add(second, arrays[cotangent].Length, name);
            outputs.Add(cotangent);
        }
        var tangentSpans = new Dictionary<OutputSpan, OutputSpan> { [OutputSpan.Dy] = OutputSpan.Dy, [OutputSpan.WJy] = OutputSpan.Hy, [OutputSpan.WJp] = OutputSpan.Hp };
        var activeAccumulators = new HashSet<int>();
        int accumulatorOffset = 1 + Accumulators(vjp.Body).DefaultIfEmpty(-1).Max();

        while (true)
        {
            var g = new GraphBuilder(vjp.Nodes, scopes);
            var (body, missingArrays, missingAccumulators) = ForwardMode.LinearizeDerivative(g, vjp.Body, leaf => leaf.Op switch
            {
                Op.State => new SortedDictionary<int, int> { [0] = g.Leaf(Op.TangentState, leaf.Index) },
                Op.Parameter => new SortedDictionary<int, int> { [0] = g.Leaf(Op.TangentParameter, leaf.Index) },
                // A time tangent vt gives hy = wᵀ ∂(∂f/∂t)/∂y vt too: what a Rosenbrock step's adjoint needs for its h d_i f_t term.
                Op.Time => new SortedDictionary<int, int> { [0] = g.Leaf(Op.TangentTime) },
                _ => null,
            }, (name, _) => name + "Dot", tangentArrays, tangentSpans, activeAccumulators, accumulatorOffset);
            if (missingArrays.Count > 0 || missingAccumulators.Count > 0)
            {
                foreach (int array in missingArrays) tangentArrays[array] = Add(ArrayKind.Scratch, arrays[array].Length, arrays[array].Name + "Dot");
                activeAccumulators.UnionWith(missingAccumulators);
                continue;
            }
            // Only the tangents of the outputs are wanted: the VJP's own stores into dy, wJy and wJp go.
            foreach (int output in outputs) body = Differentiator.WithoutStoresTo(output, body);
            return new DerivativeProgram(g.FreezeNodes(), arrays.ToEquatableArray(), new Block(0, body.ToEquatableArray()));
        }
    }

    private static IEnumerable<int> Accumulators(Block body)
    {
        var found = new List<int>();
        IrUses.Walk(body, statement =>
        {
            if (statement is AccumulatorDeclaration declaration) found.Add(declaration.Accumulator);
        });
        return found;
    }
}
