using System.Collections.Generic;

namespace OdeGen.Generator.Tests.Properties;

// The constructs that only the loop family (LoopProgramGenerator) produces: int index arithmetic, span
// elements read and written at indices computed from loop variables, for loops, stackalloc scratch spans
// and Slice views. They extend ProgramAst's records, so the printer, the interpreter and the derivative
// checks handle both families.

/// <summary>An int expression: an index into a span, a loop bound, or the value of an int local.</summary>
internal abstract record IntExpr;

internal sealed record IntConst(int Value) : IntExpr;

/// <summary>A loop index, an int local or a const int local.</summary>
internal sealed record IntVar(string Name) : IntExpr;

/// <summary><c>(Left Op Right)</c> with Op one of + - * / % on ints (C#'s truncating division).</summary>
internal sealed record IntBinary(char Op, IntExpr Left, IntExpr Right) : IntExpr;

/// <summary><c>Span[Index]</c> for y, p, a scratch span or a view; never dy (the loop family does not read dy at run-time indices).</summary>
internal sealed record ElementRef(string Span, IntExpr Index) : Expr;

/// <summary><c>((double)Index)</c>: an int used as a double.</summary>
internal sealed record IndexValue(IntExpr Index) : Expr;

/// <summary><c>Left Op Right</c> on ints (<c>j != i</c>, <c>i &gt; 0</c>): the same at every point, so not a switch.</summary>
internal sealed record IntComparison(string Op, IntExpr Left, IntExpr Right) : Condition;

/// <summary><c>for (int Index = From; Index &lt; Bound; Index++)</c>, or <c>&lt;=</c> when <see cref="Inclusive"/>.</summary>
internal sealed record For(string Index, IntExpr From, IntExpr Bound, bool Inclusive, IReadOnlyList<Statement> Body) : Statement;

/// <summary><c>Span&lt;double&gt; Name = stackalloc double[Length];</c> (zeroed, as C# does without SkipLocalsInit).</summary>
internal sealed record DeclareSpan(string Name, int Length) : Statement;

/// <summary><c>ReadOnlySpan&lt;double&gt; Name = Source.Slice(Offset, Length);</c>, or <c>Span&lt;double&gt;</c> when writable.</summary>
internal sealed record DeclareView(string Name, string Source, int Offset, int Length, bool Writable) : Statement;

/// <summary><c>Span[Index] Op Value;</c> with Op one of = += -=, into dy, a scratch span or a writable view.</summary>
internal sealed record StoreElement(string Span, IntExpr Index, string Op, Expr Value) : Statement;

/// <summary><c>int Name = Value;</c>, or <c>const int Name = Value;</c> (then Value is an <see cref="IntConst"/>).</summary>
internal sealed record DeclareInt(string Name, IntExpr Value, bool IsConst = false) : Statement;

/// <summary>
/// <c>TensorPrimitives.Function(Source.Slice(SourceOffset, Length), Destination.Slice(DestinationOffset, Length));</c>,
/// an element-wise call from y, a scratch span or a view into a scratch span.
/// </summary>
internal sealed record ElementWise(string Function, string Source, int SourceOffset, string Destination, int DestinationOffset, int Length) : Statement;
