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

/// <summary>
/// <c>for (int i = From; i &lt; To; i++) Body</c>, with <see cref="LoopIndex"/> the node of i. Each
/// <see cref="CarriedValue"/> is a variable updated by the body and read after it.
/// </summary>
/// <remarks>
/// <see cref="Reversed"/> runs i from To - 1 down to From (the reverse sweep). <see cref="Step"/> is 1 as the user
/// writes loops; a loop unrolled and jammed (<c>UnrollAndJam</c>) steps over the rows its body computes together. A loop with a <see cref="Call"/>
/// is the element-wise TensorPrimitives call the user wrote, spelled out element by element for differentiation.
/// A loop with a <see cref="Reduction"/> is a <c>TensorPrimitives.Dot</c> or <c>Sum</c> the user wrote, spelled out as the
/// sum it computes, carried from zero.
/// </remarks>
internal sealed record ForStmt(int LoopIndex, int From, int To, Block Body, EquatableArray<CarriedValue> Carried, bool Reversed = false, ElementWiseCall? Call = null, int Step = 1,
    ReductionCall? Reduction = null) : Stmt;

/// <summary>
/// <c>TensorPrimitives.{Function}(first[, second])</c> over <see cref="Length"/> elements of array <see cref="First"/> from
/// <see cref="FirstOffset"/> (and of <see cref="Second"/> from <see cref="SecondOffset"/> for Dot; -1 for Sum): the sum
/// its loop carries, whose exit is the node <see cref="Value"/>. Per-copy code makes the call for the value
/// (<see cref="ReductionStmt"/>), so that it is the user's bit for bit; the loop stays for the tangents and cotangents.
/// </summary>
internal sealed record ReductionCall(string Function, int First, int FirstOffset, int Second, int SecondOffset, int Length, int Value);

/// <summary>Defines <see cref="ReductionCall.Value"/> by making the call (after the pass ReductionCalls, before emission).</summary>
internal sealed record ReductionStmt(ReductionCall Call) : Stmt;

/// <summary>
/// <c>TensorPrimitives.{Function}(source, destination)</c> over <see cref="Length"/> elements of array
/// <see cref="Source"/> from <see cref="SourceOffset"/> (an int node) into array <see cref="Destination"/> from
/// <see cref="DestinationOffset"/>. Its loop's body computes element i as the node <see cref="Value"/> and stores it.
/// The generated code makes the same call, so the values are the user's bit for bit (a vectorized function
/// rounds differently from System.Math), and runs the body only for the rest of its work (tangents),
/// reading <see cref="Value"/> back from the destination.
/// </summary>
internal sealed record ElementWiseCall(string Function, int Source, int SourceOffset, int Destination, int DestinationOffset, int Length, int Value);

/// <summary>
/// A loop-carried variable: <see cref="Running"/> is its value at the start of an iteration (first
/// <see cref="Initial"/>, then the previous iteration's <see cref="Next"/>), <see cref="Exit"/> its value after the loop.
/// </summary>
internal sealed record CarriedValue(int Running, int Initial, int Next, int Exit);

/// <summary>
/// Writes <see cref="Value"/> into element <see cref="Index"/> (an int node) of array <see cref="Array"/>,
/// or adds it to the element when <see cref="Accumulate"/>.
/// </summary>
internal sealed record ArrayStoreStmt(int Array, int Index, int Value, bool Accumulate) : Stmt;

/// <summary>
/// Defines <see cref="Node"/> by reading element <see cref="Index"/> of array <see cref="Array"/>, where the
/// forward sweep stored it and nothing overwrote it: the reverse sweep's read-back of a stored value.
/// </summary>
internal sealed record RestoreStmt(int Node, int Array, int Index) : Stmt;

/// <summary>Declares a scratch array (a zeroed <c>stackalloc</c> span).</summary>
internal sealed record ArrayDeclarationStmt(int Array) : Stmt;

/// <summary>Copies array <see cref="From"/> into array <see cref="To"/> (same length).</summary>
internal sealed record ArrayCopyStmt(int From, int To) : Stmt;

/// <summary>
/// Declares array <see cref="View"/> as the part of its <see cref="ArrayInfo.ViewOf"/> from element <see cref="Offset"/>
/// (an int node), of the view's length: a row of a weight matrix that a loop reads element by element (<c>RowViews</c>).
/// </summary>
internal sealed record ViewStmt(int View, int Offset) : Stmt;

internal sealed record Block(int Scope, EquatableArray<Stmt> Statements);

/// <summary>
/// A span the IR reads or writes by element: the method's own spans, and scratch spans. <see cref="Group"/> is the lane
/// group whose copy of a per-copy span it is in a kernel widened over groups (<c>LaneGroups</c>); 0 otherwise.
/// <see cref="ViewOf"/> is the array a view is part of (<see cref="ViewStmt"/>; the view has its kind), -1 for the others.
/// </summary>
internal sealed record ArrayInfo(ArrayKind Kind, int Length, string Name, int Group = 0, int ViewOf = -1);

internal enum ArrayKind
{
    State,
    Parameters,
    Derivative,
    Scratch,
    TangentState,
    TangentParameters,
    Cotangent,
    Jv,
    WJy,
    WJp,
    DfDt,
    Hy,
    Hp,
}

internal static class Arrays
{
    public const int State = 0;
    public const int Parameters = 1;
    public const int Derivative = 2;
}

/// <summary>The spans generated methods write.</summary>
internal enum OutputSpan
{
    Dy,
    Jv,
    WJy,
    WJp,
    Jac,
    DfDt,
    Hy,
    Hp,
}
