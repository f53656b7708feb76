using System.Collections.Generic;
using System.Linq;

namespace OdeGen.Generator.Tests.Properties;

/// <summary>Facts read off a program's syntax, such as the size the generator should infer for p.</summary>
internal static class ProgramFacts
{
    /// <summary>The largest constant index read from p, or -1 when p is not read.</summary>
    public static int LargestParameterIndex(IEnumerable<Statement> statements) =>
        statements.SelectMany(Expressions).Select(LargestParameterIndex).DefaultIfEmpty(-1).Max();

    /// <summary>Every statement, nested ones included.</summary>
    public static IEnumerable<Statement> Statements(IEnumerable<Statement> statements) =>
        statements.SelectMany(s => s switch
        {
            IfElse i => new[] { s }.Concat(Statements(i.Then)).Concat(Statements(i.Else)),
            For f => new[] { s }.Concat(Statements(f.Body)),
            _ => new[] { s },
        });

    /// <summary>The names of the spans a statement (nested ones included) reads elements of.</summary>
    public static IEnumerable<string> Reads(Statement statement) =>
        Statements(new[] { statement }).SelectMany(s => s is StoreElement e ? new[] { e.Value } : Expressions(s))
            .SelectMany(Subexpressions).OfType<ElementRef>().Select(e => e.Span)
            .Concat(Statements(new[] { statement }).OfType<ElementWise>().Select(e => e.Source));

    /// <summary>The expression and every expression inside it, conditions' operands included.</summary>
    public static IEnumerable<Expr> Subexpressions(Expr expression) => new[] { expression }.Concat(expression switch
    {
        Negate n => Subexpressions(n.Operand),
        Binary b => Subexpressions(b.Left).Concat(Subexpressions(b.Right)),
        MathCall c => c.Arguments.SelectMany(Subexpressions),
        Conditional c => ConditionExpressions(c.Test).Append(c.WhenTrue).Append(c.WhenFalse).SelectMany(Subexpressions),
        _ => Enumerable.Empty<Expr>(),
    });

    private static IEnumerable<Expr> Expressions(Statement statement) => statement switch
    {
        DeclareLocal { Value: { } value } => new[] { value },
        AssignLocal a => new[] { a.Value },
        AssignOutput a => new[] { a.Value },
        IfElse i => ConditionExpressions(i.Test).Concat(i.Then.SelectMany(Expressions)).Concat(i.Else.SelectMany(Expressions)),
        _ => Enumerable.Empty<Expr>(),
    };

    private static IEnumerable<Expr> ConditionExpressions(Condition condition) => condition switch
    {
        Comparison c => new[] { c.Left, c.Right },
        Logical l => ConditionExpressions(l.Left).Concat(ConditionExpressions(l.Right)),
        Not n => ConditionExpressions(n.Operand),
        _ => Enumerable.Empty<Expr>(),
    };

    private static int LargestParameterIndex(Expr expression) => expression switch
    {
        ParameterRef r => r.Index,
        Negate n => LargestParameterIndex(n.Operand),
        Binary b => System.Math.Max(LargestParameterIndex(b.Left), LargestParameterIndex(b.Right)),
        MathCall c => c.Arguments.Select(LargestParameterIndex).DefaultIfEmpty(-1).Max(),
        Conditional c => ConditionExpressions(c.Test).Append(c.WhenTrue).Append(c.WhenFalse).Select(LargestParameterIndex).Max(),
        _ => -1,
    };
}
