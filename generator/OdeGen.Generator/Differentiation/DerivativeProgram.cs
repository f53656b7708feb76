using OdeGen.Generator.Ir;
using OdeGen.Generator.Model;

namespace OdeGen.Generator.Differentiation;

/// <summary>
/// The body of one generated method: the node graph it reads, and its statements. For a Jacobian,
/// <see cref="JacobianColumns"/> is its row length (for the comments naming each entry).
/// </summary>
internal sealed record DerivativeProgram(EquatableArray<Node> Nodes, Block Body, int JacobianColumns = 0, bool JacobianOfParameters = false);

/// <summary>What Differentiate hands to Emit: the source model and the body of every generated method.</summary>
internal sealed record DerivativeModel(
    DynamicsModel Source,
    DerivativeProgram Jvp,
    DerivativeProgram Vjp,
    DerivativeProgram JacobianY,
    DerivativeProgram JacobianP,
    DerivativeProgram TimeDerivative,
    EquatableArray<EquatableArray<int>> Sparsity);
