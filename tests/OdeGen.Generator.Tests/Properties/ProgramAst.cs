using System.Collections.Generic;

namespace OdeGen.Generator.Tests.Properties;

// The abstract syntax of a random dynamics body. It is printed as C# (ProgramPrinter) and evaluated by
// ProgramInterpreter, which also records at which side of every switch (comparison, Min/Max, Abs, Sign,
// Floor, Ceiling) the evaluation went, so that finite differences never straddle a kink.

internal abstract record Expr;

internal sealed record Number(double Value) : Expr;

internal sealed record TimeRef : Expr;

/// <summary><c>y[Index]</c>, written with the name of an int const local when <see cref="IndexName"/> is set.</summary>
internal sealed record StateRef(int Index, string? IndexName = null) : Expr;

internal sealed record ParameterRef(int Index) : Expr;

/// <summary>Reads back an output that is assigned on every path before this point.</summary>
internal sealed record OutputRef(int Index) : Expr;

internal sealed record LocalRef(string Name) : Expr;

internal sealed record Negate(Expr Operand) : Expr;

/// <summary><c>Left Op Right</c> with Op one of + - * /.</summary>
internal sealed record Binary(char Op, Expr Left, Expr Right) : Expr;

/// <summary><c>Math.Function(Arguments)</c>; Sign is printed with a cast to double.</summary>
internal sealed record MathCall(string Function, IReadOnlyList<Expr> Arguments) : Expr;

internal sealed record Conditional(Condition Test, Expr WhenTrue, Expr WhenFalse) : Expr;

internal abstract record Condition;

/// <summary><c>Left Op Right</c> with Op one of &lt; &lt;= &gt; &gt;= == !=.</summary>
internal sealed record Comparison(string Op, Expr Left, Expr Right) : Condition;

/// <summary><c>Left &amp;&amp; Right</c> or <c>Left || Right</c>.</summary>
internal sealed record Logical(string Op, Condition Left, Condition Right) : Condition;

internal sealed record Not(Condition Operand) : Condition;

internal abstract record Statement;

/// <summary><c>double Name = Value;</c>, <c>double Name;</c> when Value is null, or <c>const double Name = c;</c>.</summary>
internal sealed record DeclareLocal(string Name, Expr? Value, bool IsConst = false) : Statement;

/// <summary><c>const int Name = Value;</c>, used as an index into y.</summary>
internal sealed record DeclareIndex(string Name, int Value) : Statement;

/// <summary><c>Name Op Value;</c> with Op one of = += -= *= /=.</summary>
internal sealed record AssignLocal(string Name, string Op, Expr Value) : Statement;

/// <summary><c>dy[Index] Op Value;</c> with Op one of = += -= *= /=.</summary>
internal sealed record AssignOutput(int Index, string Op, Expr Value) : Statement;

internal sealed record IfElse(Condition Test, IReadOnlyList<Statement> Then, IReadOnlyList<Statement> Else) : Statement;

/// <summary>
/// One generated dynamics method: the body, its sizes, whether it has the p parameter and whether the
/// sizes are written on the attribute. <see cref="Seed"/> regenerates it with the generator named by
/// <see cref="Family"/> (ProgramGenerator or LoopProgramGenerator).
/// </summary>
internal sealed record DynamicsProgram(
    int Seed,
    int StateSize,
    int ParameterSize,
    bool HasParameters,
    bool SizesOnAttribute,
    IReadOnlyList<Statement> Body,
    string Family = nameof(ProgramGenerator));
