using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using OdeGen.Generator.Diagnostics;
using OdeGen.Generator.Ir;
using OdeGen.Generator.Model;

namespace OdeGen.Generator.Parsing;

/// <summary>
/// <c>for</c> loops become <see cref="ForStmt"/> regions: the body is read once, with the loop index as
/// an int node and each outer variable the body assigns as a loop-carried value. The reverse pass runs
/// the loop backwards and recomputes each iteration's values, so a carried variable may only accumulate
/// (<c>s += …</c>, <c>s -= …</c>): its value in earlier iterations is then never needed.
/// </summary>
internal sealed partial class BodyParser
{
    private readonly List<int> _loops = new();

    public bool HasLoops { get; private set; }

    private void For(IForLoopOperation loop)
    {
        HasLoops = true;
        var shape = LoopShape(loop);
        if (shape is null)
        {
            Unsupported(Descriptors.UnsupportedStatement, loop, "This loop", "write it as 'for (int i = a; i < b; i++)' with int bounds that do not change in the loop");
            return;
        }
        var (index, from, to) = shape.Value;
        if (from.Kind == ValueKind.Error || to.Kind == ValueKind.Error) return;

        var carried = CarriedVariables(loop, index);
        if (carried is null) return;

        int scope = _graph.NewScope();
        var statements = new List<Stmt>();
        _graph.Enter(scope, statements);
        int loopIndex = _graph.Defined(Op.LoopIndex, index.Name);
        var running = new List<(ISymbol Variable, int Running, int Initial)>();
        foreach (var variable in carried)
        {
            var initial = _variables[variable];
            int node = _graph.Defined(Op.Running, variable.Name);
            running.Add((variable, node, initial.Node));
            _variables[variable] = Value.Double(node);
        }
        _variables[index] = Value.IntNode(loopIndex);
        _loops.Add(loopIndex);
        Statement(loop.Body, lastAtTopLevel: false);
        _loops.RemoveAt(_loops.Count - 1);
        _graph.Exit();
        _variables.Remove(index);

        var values = new List<CarriedValue>();
        foreach (var (variable, node, initial) in running)
        {
            var next = _variables[variable];
            if (next.Kind == ValueKind.Error) return;
            int exit = _graph.Phi(variable.Name);
            values.Add(new CarriedValue(node, initial, next.Node, exit));
            _variables[variable] = Value.Double(exit);
        }
        var body = new Block(scope, statements.ToEquatableArray());
        var statement = new ForStmt(loopIndex, IntNode(from), IntNode(to), body, values.ToEquatableArray());
        foreach (var value in values)
        {
            if (!CarriedLinearly(statement, value))
            {
                _diagnostics.Add(DiagnosticInfo.Create(Descriptors.CarriedNotAccumulated, loop.Syntax.GetLocation(), _graph[value.Running].Name ?? "value"));
                return;
            }
        }
        _graph.Append(statement);
    }

    /// <summary>The index variable and the bounds of <c>for (int i = from; i &lt; to; i++)</c> (or <c>i &lt;= last</c>), or null.</summary>
    private (ILocalSymbol Index, Value From, Value To)? LoopShape(IForLoopOperation loop)
    {
        if (loop.Before.Length != 1 || loop.Before[0] is not IVariableDeclarationGroupOperation group) return null;
        var declarators = group.Declarations.SelectMany(d => d.Declarators).ToList();
        if (declarators.Count != 1 || declarators[0].Symbol.Type.SpecialType != SpecialType.System_Int32) return null;
        var index = declarators[0].Symbol;
        var initializer = declarators[0].Initializer ?? group.Declarations[0].Initializer;
        if (initializer is null) return null;

        if (loop.Condition is not IBinaryOperation { OperatorKind: BinaryOperatorKind.LessThan or BinaryOperatorKind.LessThanOrEqual } condition
            || condition.LeftOperand is not ILocalReferenceOperation left || !SymbolEqualityComparer.Default.Equals(left.Local, index))
            return null;

        bool steps = loop.AtLoopBottom.Length == 1 && loop.AtLoopBottom[0] switch
        {
            IExpressionStatementOperation { Operation: IIncrementOrDecrementOperation { Kind: OperationKind.Increment, Target: ILocalReferenceOperation l } } => SymbolEqualityComparer.Default.Equals(l.Local, index),
            IExpressionStatementOperation { Operation: ICompoundAssignmentOperation { OperatorKind: BinaryOperatorKind.Add, Target: ILocalReferenceOperation l, Value.ConstantValue.Value: 1 } } => SymbolEqualityComparer.Default.Equals(l.Local, index),
            _ => false,
        };
        if (!steps) return null;
        if (AssignedIn(loop.Body).Contains(index, SymbolEqualityComparer.Default)) return null;

        UserNames.Add(index.Name);
        var from = Expression(initializer.Value);
        var bound = Expression(condition.RightOperand);
        if (from.Kind != ValueKind.Int || bound.Kind != ValueKind.Int) return (index, Value.Error, Value.Error);
        var to = condition.OperatorKind == BinaryOperatorKind.LessThanOrEqual ? AddInts(bound, Value.Int(1), condition) : bound;
        return (index, from, to);
    }

    /// <summary>The outer double variables the body assigns; reports the ones that cannot be carried.</summary>
    private List<ISymbol>? CarriedVariables(IForLoopOperation loop, ILocalSymbol index)
    {
        var carried = new List<ISymbol>();
        bool ok = true;
        foreach (var variable in AssignedIn(loop.Body).Distinct(SymbolEqualityComparer.Default))
        {
            if (variable is ILocalSymbol local && local.DeclaringSyntaxReferences.Any(r => loop.Body.Syntax.Span.Contains(r.Span))) continue;
            if (!_variables.TryGetValue(variable, out var value))
            {
                Unsupported(Descriptors.UnsupportedStatement, loop, "Assigning '" + variable.Name + "' in the loop before it has a value", "initialize it before the loop");
                ok = false;
                continue;
            }
            if (value.Kind != ValueKind.Double)
            {
                Unsupported(Descriptors.UnsupportedStatement, loop, "Changing the " + value.Kind.ToString().ToLowerInvariant() + " '" + variable.Name + "' in the loop", "derive it from the loop index instead");
                ok = false;
                continue;
            }
            carried.Add(variable);
        }
        return ok ? carried : null;
    }

    private static IEnumerable<ISymbol> AssignedIn(IOperation body) =>
        body.DescendantsAndSelf().Select(o => o switch
        {
            IAssignmentOperation { Target: ILocalReferenceOperation l } => l.Local,
            IAssignmentOperation { Target: IParameterReferenceOperation p } => p.Parameter,
            IIncrementOrDecrementOperation { Target: ILocalReferenceOperation l } => l.Local,
            _ => (ISymbol?)null,
        }).Where(s => s is not null)!;

    /// <summary>
    /// <c>c ? a : b</c> inside a loop: the arms go into an If region so that an element read in one arm
    /// (<c>i &gt; 0 ? y[i - 1] : 0</c>) is read only when that arm is taken. Arms of plain arithmetic on locals
    /// (a relu, <c>s &gt; 0 ? s : 0</c>) cannot fail either way and stay a select, which lane kernels run with a mask.
    /// </summary>
    private Value TernaryRegion(IConditionalOperation conditional)
    {
        var condition = Expression(conditional.Condition);
        if (condition.Kind == ValueKind.Error) return Value.Error;
        var kind = KindOf(conditional.Type!) ?? ValueKind.Double;
        if (kind != ValueKind.Double || _graph[condition.Node].IsConst
            || (IsPlainArithmetic(conditional.WhenTrue) && IsPlainArithmetic(conditional.WhenFalse!)))
            return Ternary(conditional, condition);

        Value Arm(IOperation arm, out Block block)
        {
            int scope = _graph.NewScope();
            var statements = new List<Stmt>();
            _graph.Enter(scope, statements);
            var value = Convert(Expression(arm), ValueKind.Double, arm);
            _graph.Exit();
            block = new Block(scope, statements.ToEquatableArray());
            return value;
        }

        var whenTrue = Arm(conditional.WhenTrue, out var thenBlock);
        var whenFalse = Arm(conditional.WhenFalse!, out var elseBlock);
        if (whenTrue.Kind == ValueKind.Error || whenFalse.Kind == ValueKind.Error) return Value.Error;
        int phi = _graph.Phi(null);
        _graph.Append(new IfStmt(condition.Node, thenBlock, elseBlock, new[] { new PhiAssignment(phi, whenTrue.Node, whenFalse.Node) }.ToEquatableArray()));
        return Value.Double(phi);
    }

    /// <summary>
    /// An expression of locals, the method's scalar parameters and literals under <c>+</c>, <c>-</c> and <c>*</c>: no
    /// element read that could be out of range, no division or call that could be infinite or NaN when its arm is
    /// not taken (whose derivative, times the zero the select gives it, would still be NaN).
    /// </summary>
    private static bool IsPlainArithmetic(IOperation arm) =>
        arm.DescendantsAndSelf().All(operation => operation switch
        {
            ILocalReferenceOperation or IParameterReferenceOperation { Type.SpecialType: SpecialType.System_Double } => true,
            ILiteralOperation or IConversionOperation or IParenthesizedOperation => true,
            IUnaryOperation { OperatorKind: UnaryOperatorKind.Minus or UnaryOperatorKind.Plus } => true,
            IBinaryOperation { OperatorKind: BinaryOperatorKind.Add or BinaryOperatorKind.Subtract or BinaryOperatorKind.Multiply } => true,
            _ => false,
        });

    /// <summary>
    /// Whether the carried variable only accumulates: from its running value to its next one, every step
    /// adds or subtracts a term (possibly in one branch of an If, leaving it unchanged in the other), and
    /// nothing else in the body reads the running value or an intermediate sum. Then the cotangent of the
    /// running value equals that of the next one in every iteration, and the reverse loop needs no past values.
    /// </summary>
    private bool CarriedLinearly(ForStmt loop, CarriedValue value)
    {
        var uses = IrUses.CountOnAnyPath(loop.Body, _graph);
        var chain = new HashSet<int> { value.Running };
        // Grow the chain through single-use additive steps, in definition order.
        foreach (var id in IrUses.Definitions(loop.Body, _graph))
        {
            var node = _graph[id];
            bool extends = node.Op switch
            {
                Op.Add => chain.Contains(node.A) ^ chain.Contains(node.B),
                Op.Sub => chain.Contains(node.A) && !chain.Contains(node.B),
                Op.Phi => IrUses.PhiSources(loop.Body, id) is { } sources && sources.All(chain.Contains),
                _ => false,
            };
            if (node.Op != Op.Phi && (chain.Contains(node.A) || chain.Contains(node.B) || chain.Contains(node.C)) && !extends) return false;
            if (extends) chain.Add(id);
        }
        if (!chain.Contains(value.Next)) return false;
        foreach (int id in chain)
        {
            int count = uses.TryGetValue(id, out int n) ? n : 0;
            if (id == value.Next ? count != 0 : count != 1) return false;
        }
        return true;
    }
}
