using OdeGen.Generator.Ir;
using OdeGen.Generator.Model;

namespace OdeGen.Generator.Differentiation;

/// <summary>
/// The body of one generated method: the node graph it reads, the arrays it indexes, and its statements.
/// For a Jacobian written entry by entry, <see cref="JacobianColumns"/> is its row length (for the
/// comments naming each entry).
/// </summary>
internal sealed record DerivativeProgram(EquatableArray<Node> Nodes, EquatableArray<ArrayInfo> Arrays, Block Body, int JacobianColumns = 0, bool JacobianOfParameters = false);

/// <summary>
/// What Differentiate hands to Emit: the source model and the body of every generated method. A program
/// with loops has its Jacobians computed column by column from JVPs specialized to y and to p
/// (<see cref="StateJvp"/>, <see cref="ParameterJvp"/>); a straight-line one has them entry by entry. When
/// <see cref="VjpAccumulates"/>, the <see cref="Vjp"/> body adds into wJy and wJp: it is VjpAccumulate; otherwise
/// <see cref="Vjp"/> overwrites them and <see cref="VjpAccumulate"/> is the same transpose adding into them.
/// <see cref="JvpVjp"/> is the second-order product, forward mode over the VJP (it accumulates when the VJP does).
/// A straight-line program also has <see cref="Divergence"/>, the sum of the diagonal entries of df/dy that can be
/// non-zero, and its transpose <see cref="DivergenceGradient"/>; a loop program's come from the runtime's defaults.
/// <see cref="Forward"/> is f alone, the user's program with its outputs stored, for the lane kernels (the per-copy
/// Forward calls the user's method). <see cref="JvpVjpAccumulate"/> is JvpVjp adding into hy and hp (forward over
/// the accumulating VJP), for the lane kernels; a loop program's JvpVjp already is. A span layer has only <see cref="Jvp"/>, an accumulating <see cref="Vjp"/> and <see cref="Forward"/> (for its lane kernels).
/// </summary>
internal sealed record DerivativeModel(
    DynamicsModel Source,
    DerivativeProgram Jvp,
    DerivativeProgram Vjp,
    DerivativeProgram? JacobianY,
    DerivativeProgram? JacobianP,
    DerivativeProgram? TimeDerivative,
    DerivativeProgram? StateJvp,
    DerivativeProgram? ParameterJvp,
    EquatableArray<EquatableArray<int>> Sparsity,
    bool VjpAccumulates = false,
    DerivativeProgram? JvpVjp = null,
    DerivativeProgram? Divergence = null,
    DerivativeProgram? DivergenceGradient = null,
    DerivativeProgram? VjpAccumulate = null,
    DerivativeProgram? Forward = null,
    DerivativeProgram? JvpVjpAccumulate = null);
