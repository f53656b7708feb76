using System.Linq;
using OdeGen.Generator.Differentiation;
using OdeGen.Generator.Ir;
using OdeGen.Generator.Model;

namespace OdeGen.Generator.Passes;

/// <summary>
/// Per-copy code computes a <c>TensorPrimitives.Dot</c> or <c>Sum</c> by the call the user wrote, not by its loop: the
/// call's vectorized sum rounds differently from the loop's, and the values must be the user's bit for bit. The loop
/// keeps what else it carries (tangents); <see cref="DeadCode"/> then drops the sum's own arithmetic, and the loop if
/// nothing is left. Lane kernels keep the loop: the call would sum across the copies in the lanes.
/// </summary>
internal static class ReductionCalls
{
    public static DerivativeProgram Apply(DerivativeProgram program) => program with { Body = Rewrite(program.Body) };

    private static Block Rewrite(Block block) => BlockRewriter.Rewrite(block, (statement, into) =>
    {
        if (statement is not ForStmt { Reduction: { } call } loop || !loop.Carried.Any(c => c.Exit == call.Value)) return false;
        into.Add(new ReductionStmt(call));
        into.Add(loop with { Body = Rewrite(loop.Body), Carried = loop.Carried.Where(c => c.Exit != call.Value).ToEquatableArray(), Reduction = null });
        return true;
    }, Rewrite);
}
