using OdeGen.Generator.Model;

namespace OdeGen.Generator.Ir;

/// <summary>A statement of a structured region. Regions nest; a loop will be another region kind.</summary>
internal abstract record Stmt;

/// <summary>Defines <see cref="Node"/> at this point of its block.</summary>
internal sealed record LetStmt(int Node) : Stmt;

/// <summary>
/// <c>if (Cond) Then else Else</c>. Each <see cref="Phi"/> is a variable assigned in both branches and
/// read after the If: the derivative of the branch taken flows through it.
/// </summary>
internal sealed record IfStmt(int Cond, Block Then, Block Else, EquatableArray<PhiAssignment> Phis) : Stmt;

internal sealed record PhiAssignment(int Phi, int Then, int Else);

/// <summary>Writes <see cref="Node"/> into element <see cref="Index"/> of the output span <see cref="Target"/>.</summary>
internal sealed record StoreStmt(OutputSpan Target, int Index, int Node) : Stmt;

/// <summary>Declares accumulator <see cref="Accumulator"/> with initial value <see cref="Initial"/> (-1: zero).</summary>
internal sealed record AccumulatorDeclaration(int Accumulator, int Initial, string Name) : Stmt;

/// <summary><c>accumulator += Node</c>: a cotangent contribution made inside a nested region.</summary>
internal sealed record AccumulateStmt(int Accumulator, int Node) : Stmt;

/// <summary>Returns <see cref="Node"/> (the time cotangent of a VJP).</summary>
internal sealed record ReturnStmt(int Node) : Stmt;

/// <summary>Zeroes a whole output span (dense Jacobians, before their non-zero entries are written).</summary>
internal sealed record ClearStmt(OutputSpan Target) : Stmt;

internal sealed record Block(int Scope, EquatableArray<Stmt> Statements);

/// <summary>The spans generated methods write.</summary>
internal enum OutputSpan
{
    Dy,
    Jv,
    WJy,
    WJp,
    Jac,
    DfDt,
}
