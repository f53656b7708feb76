using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using OdeGen.Generator.Diagnostics;
using OdeGen.Generator.Ir;
using OdeGen.Generator.Model;

namespace OdeGen.Generator.Parsing;

/// <summary>
/// Turns the body of a dynamics method (and of the [Differentiable] helpers it calls, inlined) into IR.
/// Locals are renamed into SSA values as they are assigned; an if/else becomes an <see cref="IfStmt"/>
/// whose phis merge what the branches assigned. Every unsupported construct is reported at its own
/// syntax and parsing goes on, so that one build shows all of them.
/// </summary>
internal sealed partial class BodyParser
{
    private const int PartiallyAssigned = -2;

    private readonly SemanticModel _semanticModel;
    private readonly IMethodSymbol _method;
    private readonly Signature _signature;
    private readonly List<DiagnosticInfo> _diagnostics;
    private readonly CancellationToken _cancellationToken;
    private readonly GraphBuilder _graph = new();

    // Current SSA value of each local (and, inside an inlined helper, of each of its parameters).
    private Dictionary<ISymbol, Value> _variables = new(SymbolEqualityComparer.Default);
    // Current node of each dy[i] written so far (PartiallyAssigned when only some paths wrote it).
    private Dictionary<int, int> _outputs = new();
    private readonly Stack<HelperFrame> _helpers = new();

    public BodyParser(SemanticModel semanticModel, IMethodSymbol method, Signature signature, List<DiagnosticInfo> diagnostics, CancellationToken cancellationToken)
    {
        _semanticModel = semanticModel;
        _method = method;
        _signature = signature;
        _diagnostics = diagnostics;
        _cancellationToken = cancellationToken;
    }

    /// <summary>Identifiers the user wrote (locals, parameters): generated names avoid clashing with them.</summary>
    public HashSet<string> UserNames { get; } = new(StringComparer.Ordinal);

    // Where the conditions of ifs, Math.Sign calls and element-wise calls are, for the note on a system without lane kernels.
    private readonly List<NodeSite> _sites = new();

    private void Site(int node, IOperation where)
    {
        var location = where.Syntax.GetLocation();
        var lineSpan = location.GetLineSpan();
        _sites.Add(new NodeSite(node, lineSpan.Path ?? "", location.SourceSpan, lineSpan.Span));
    }

    /// <summary>Each index read from or written to y, p and dy, with where it first appeared.</summary>
    public Dictionary<(SpanKind Span, int Index), Location> Indices { get; } = new();

    /// <summary>Reads the body; the sizes declared on the attribute (0 where not declared) are the lengths of y and p.</summary>
    public IrProgram? Parse(MethodDeclarationSyntax syntax, int declaredStateSize, int declaredParameterSize)
    {
        foreach (var parameter in _method.Parameters) UserNames.Add(parameter.Name);
        if (_semanticModel.GetOperation(syntax, _cancellationToken) is not IMethodBodyOperation body)
            return null;
        var block = body.BlockBody ?? body.ExpressionBody;
        if (block is null) return null;
        _arrays.Add(new ArrayInfo(ArrayKind.State, declaredStateSize, _signature.State.Name));
        _arrays.Add(new ArrayInfo(ArrayKind.Parameters, declaredParameterSize, _signature.Parameters?.Name ?? "p"));
        _arrays.Add(new ArrayInfo(ArrayKind.Derivative, 0, _signature.Derivative.Name));
        OutputsInMemory = WritesOutputsInLoops(block);
        Statements(block.Operations, topLevel: true);
        CheckScratchAccesses();
        return new IrProgram(_graph.FreezeNodes(), _graph.FreezeScopes(), new Block(0, _graph.CurrentStatements.ToEquatableArray()),
            EquatableArray<int>.Empty, _arrays.ToEquatableArray(), HasLoops, OutputsInMemory, _sites.ToEquatableArray());
    }

    /// <summary>The node of each dy[i], i &lt; <paramref name="stateSize"/>; reports outputs not assigned on every path.</summary>
    public EquatableArray<int> OutputNodes(int stateSize)
    {
        var nodes = new int[stateSize];
        for (int i = 0; i < stateSize; i++) nodes[i] = _outputs.TryGetValue(i, out int node) ? node : -1;
        return nodes.ToEquatableArray();
    }

    public IEnumerable<int> UnassignedOutputs(int stateSize) => OutputsInMemory
        ? Enumerable.Empty<int>()
        : Enumerable.Range(0, stateSize).Where(i => !_outputs.TryGetValue(i, out int node) || node == PartiallyAssigned);

    public string DerivativeName => _signature.Derivative.Name;

    private void Statements(IEnumerable<IOperation> operations, bool topLevel)
    {
        var list = operations.ToList();
        for (int i = 0; i < list.Count; i++)
        {
            _cancellationToken.ThrowIfCancellationRequested();
            bool last = topLevel && i == list.Count - 1;
            Statement(list[i], last);
        }
    }

    private void Statement(IOperation operation, bool lastAtTopLevel)
    {
        switch (operation)
        {
            case IBlockOperation block:
                Statements(block.Operations, topLevel: false);
                break;
            case IVariableDeclarationGroupOperation group:
                foreach (var declaration in group.Declarations)
                {
                    foreach (var declarator in declaration.Declarators) Declare(declarator, declaration.Initializer);
                }
                break;
            case IExpressionStatementOperation statement:
                ExpressionStatement(statement.Operation);
                break;
            case IConditionalOperation conditional:
                If(conditional);
                break;
            case IEmptyOperation:
                break;
            case IReturnOperation ret:
                Return(ret, lastAtTopLevel);
                break;
            case IForLoopOperation loop:
                For(loop);
                break;
            case ILoopOperation:
                Unsupported(Descriptors.UnsupportedStatement, operation, "This loop", "write it as 'for (int i = a; i < b; i++)' with bounds known at compile time");
                break;
            default:
                Unsupported(Descriptors.UnsupportedStatement, operation, Describe(operation), "use local declarations, assignments, compound assignments and if/else");
                break;
        }
    }

    private void Declare(IVariableDeclaratorOperation declarator, IVariableInitializerOperation? sharedInitializer)
    {
        var local = declarator.Symbol;
        UserNames.Add(local.Name);
        var kind = KindOf(local.Type);
        var initializer = declarator.Initializer ?? sharedInitializer;
        if (kind is null && IsDoubleSpan(local.Type))
        {
            DeclareSpan(local, declarator, initializer);
            return;
        }
        if (kind is null)
        {
            if (initializer?.Value is { } value && IsHeapAllocation(value))
                Unsupported(Descriptors.HeapAllocation, value, "'" + value.Syntax + "'", "");
            else
                Unsupported(Descriptors.UnsupportedStatement, declarator, "A local of type '" + local.Type.ToDisplayString() + "'", "declare it as double or int");
            return;
        }
        if (initializer is null) return;
        Assign(local, Convert(Expression(initializer.Value), kind.Value, initializer.Value));
    }

    private void ExpressionStatement(IOperation operation)
    {
        switch (operation)
        {
            case ISimpleAssignmentOperation assignment:
                AssignTo(assignment.Target, Expression(assignment.Value));
                break;
            case ICompoundAssignmentOperation { Target: IPropertyReferenceOperation indexer } compound
                when compound.OperatorKind is BinaryOperatorKind.Add or BinaryOperatorKind.Subtract && Element(indexer) is { } element && element.Array != Arrays.Derivative | OutputsInMemory:
                // h[i] += v is an accumulation: linear, so its reverse needs no earlier value of h[i].
                var term = Convert(Expression(compound.Value), ValueKind.Double, compound.Value);
                if (term.Kind == ValueKind.Error) break;
                StoreElement(element, compound.OperatorKind == BinaryOperatorKind.Add ? term : Value.Double(_graph.Neg(term.Node)), accumulate: true, compound);
                break;
            case ICompoundAssignmentOperation compound:
                var current = Expression(compound.Target);
                var right = Expression(compound.Value);
                AssignTo(compound.Target, Binary(compound.OperatorKind, current, right, compound));
                break;
            case IIncrementOrDecrementOperation increment:
                var value = Expression(increment.Target);
                var one = Value.Int(1);
                var kind = increment.Kind is OperationKind.Increment ? BinaryOperatorKind.Add : BinaryOperatorKind.Subtract;
                AssignTo(increment.Target, Binary(kind, value, one, increment));
                break;
            case IInvocationOperation invocation when IsTensorPrimitives(invocation.TargetMethod):
                ElementWiseCall(invocation);
                break;
            default:
                Unsupported(Descriptors.UnsupportedStatement, operation, Describe(operation), "a statement must assign a local or an element of the output span");
                break;
        }
    }

    private void AssignTo(IOperation target, Value value)
    {
        switch (target)
        {
            case ILocalReferenceOperation local:
                Assign(local.Local, Convert(value, KindOf(local.Local.Type) ?? ValueKind.Double, target));
                break;
            case IParameterReferenceOperation parameter when _helpers.Count > 0 && !IsDynamicsParameter(parameter.Parameter):
                Assign(parameter.Parameter, Convert(value, KindOf(parameter.Parameter.Type) ?? ValueKind.Double, target));
                break;
            case IParameterReferenceOperation parameter:
                _diagnostics.Add(DiagnosticInfo.Create(Descriptors.AssignmentToInput, target.Syntax.GetLocation(), parameter.Parameter.Name));
                break;
            case IPropertyReferenceOperation indexer when Element(indexer) is { } element:
                StoreElement(element, value, accumulate: false, target);
                break;
            default:
                Unsupported(Descriptors.UnsupportedExpression, target, "Assignment to '" + target.Syntax + "'", "assign a local or an element of '" + _signature.Derivative.Name + "'");
                break;
        }
    }

    private void Assign(ISymbol variable, Value value)
    {
        if (value.Kind == ValueKind.Error)
        {
            _variables[variable] = value;
            return;
        }
        if (value.Kind != ValueKind.Int) _graph.SetNameIfUnnamed(value.Node, variable.Name);
        _variables[variable] = value;
    }

    private void Return(IReturnOperation ret, bool lastAtTopLevel)
    {
        if (_helpers.Count == 0)
        {
            if (ret.ReturnedValue is null && lastAtTopLevel) return;
            Unsupported(Descriptors.UnsupportedStatement, ret, "An early 'return'", "assign every output and let the method end; use if/else around the assignments instead");
            return;
        }
        var frame = _helpers.Peek();
        if (!lastAtTopLevel || ret.ReturnedValue is null)
        {
            Unsupported(Descriptors.UnsupportedStatement, ret, "A 'return' before the end of a [Differentiable] helper", "assign a local in each branch and return it once, at the end");
            frame.Result = Value.Error;
            return;
        }
        frame.Result = Convert(Expression(ret.ReturnedValue), ValueKind.Double, ret.ReturnedValue);
    }

    private void If(IConditionalOperation conditional)
    {
        var condition = Expression(conditional.Condition);
        if (condition.Kind == ValueKind.Error) return;
        var cond = Convert(condition, ValueKind.Bool, conditional.Condition).Node;
        Site(cond, conditional.Condition);
        if (_graph[cond].IsConst)
        {
            // A condition known at compile time: only the branch taken exists. The other is still read,
            // into a region that is dropped, so that what it cannot contain is reported too.
            bool whenTrue = _graph[cond].Value != 0;
            var dead = whenTrue ? conditional.WhenFalse : conditional.WhenTrue;
            if (dead is not null)
            {
                var variables = new Dictionary<ISymbol, Value>(_variables, SymbolEqualityComparer.Default);
                var outputs = new Dictionary<int, int>(_outputs);
                Branch(dead, variables, outputs);
                _variables = variables;
                _outputs = outputs;
            }
            var taken = whenTrue ? conditional.WhenTrue : conditional.WhenFalse;
            if (taken is not null) Statement(taken, lastAtTopLevel: false);
            return;
        }

        var variablesBefore = new Dictionary<ISymbol, Value>(_variables, SymbolEqualityComparer.Default);
        var outputsBefore = new Dictionary<int, int>(_outputs);

        var (thenBlock, thenVariables, thenOutputs) = Branch(conditional.WhenTrue, variablesBefore, outputsBefore);
        var (elseBlock, elseVariables, elseOutputs) = Branch(conditional.WhenFalse, variablesBefore, outputsBefore);

        var phis = new List<PhiAssignment>();
        _variables = new Dictionary<ISymbol, Value>(variablesBefore, SymbolEqualityComparer.Default);
        // Variables declared before the If and assigned on both paths live on after it, merged.
        foreach (var variable in thenVariables.Keys.Where(elseVariables.ContainsKey).Where(v => variablesBefore.ContainsKey(v) || DeclaredOutside(v, conditional)).ToList())
        {
            var a = thenVariables[variable];
            var b = elseVariables[variable];
            if (a.Kind == ValueKind.Error || b.Kind == ValueKind.Error) { _variables[variable] = Value.Error; continue; }
            if (a.Equals(b)) { _variables[variable] = a; continue; }
            if (a.Kind == ValueKind.Int || b.Kind == ValueKind.Int)
            {
                Unsupported(Descriptors.NonConstantIndex, conditional, variable.Name, "");
                _variables[variable] = Value.Error;
                continue;
            }
            int phi = _graph.Phi(variable.Name);
            phis.Add(new PhiAssignment(phi, a.Node, b.Node));
            _variables[variable] = new Value(a.Kind, phi, 0);
        }

        _outputs = new Dictionary<int, int>(outputsBefore);
        foreach (int index in thenOutputs.Keys.Union(elseOutputs.Keys).ToList())
        {
            if (!thenOutputs.TryGetValue(index, out int a) || !elseOutputs.TryGetValue(index, out int b) || a == PartiallyAssigned || b == PartiallyAssigned)
            {
                _outputs[index] = PartiallyAssigned;
                continue;
            }
            if (a == b) { _outputs[index] = a; continue; }
            int phi = _graph.Phi(DerivativeName + index);
            phis.Add(new PhiAssignment(phi, a, b));
            _outputs[index] = phi;
        }

        _graph.Append(new IfStmt(cond, thenBlock, elseBlock, phis.ToEquatableArray()));
    }

    private (Block Block, Dictionary<ISymbol, Value> Variables, Dictionary<int, int> Outputs) Branch(IOperation? branch, Dictionary<ISymbol, Value> variablesBefore, Dictionary<int, int> outputsBefore)
    {
        _variables = new Dictionary<ISymbol, Value>(variablesBefore, SymbolEqualityComparer.Default);
        _outputs = new Dictionary<int, int>(outputsBefore);
        int scope = _graph.NewScope();
        var statements = new List<Stmt>();
        _graph.Enter(scope, statements);
        if (branch is not null) Statement(branch, lastAtTopLevel: false);
        _graph.Exit();
        return (new Block(scope, statements.ToEquatableArray()), _variables, _outputs);
    }

    private static bool DeclaredOutside(ISymbol variable, IConditionalOperation conditional) =>
        variable.DeclaringSyntaxReferences.All(r => !conditional.Syntax.Span.Contains(r.Span));

    private bool IsDynamicsParameter(IParameterSymbol parameter) =>
        SymbolEqualityComparer.Default.Equals(parameter.ContainingSymbol, _method);

    private Value Convert(Value value, ValueKind kind, IOperation where)
    {
        if (value.Kind == ValueKind.Error || value.Kind == kind) return value;
        if (value.Kind == ValueKind.Int && kind == ValueKind.Double)
            return Value.Double(value.IsKnown ? _graph.Const(value.Integer) : _graph.Emit(Op.ToDouble, value.Node));
        return Unsupported(Descriptors.UnsupportedExpression, where, "'" + where.Syntax + "'", "it mixes " + value.Kind.ToString().ToLowerInvariant() + " and " + kind.ToString().ToLowerInvariant() + " values");
    }

    private static bool IsHeapAllocation(IOperation operation) =>
        operation is IObjectCreationOperation { Type.IsReferenceType: true } or IArrayCreationOperation or IAnonymousObjectCreationOperation
            or IDelegateCreationOperation or IAnonymousFunctionOperation or IInterpolatedStringOperation or ICollectionExpressionOperation;

    private static ValueKind? KindOf(ITypeSymbol type) => type.SpecialType switch
    {
        SpecialType.System_Double => ValueKind.Double,
        SpecialType.System_Int32 => ValueKind.Int,
        SpecialType.System_Boolean => ValueKind.Bool,
        _ => null,
    };

    private Value Unsupported(DiagnosticDescriptor descriptor, IOperation operation, string what, string instead)
    {
        string[] arguments = descriptor == Descriptors.HeapAllocation || descriptor == Descriptors.NonConstantIndex ? new[] { Trim(what) } : new[] { what, instead };
        _diagnostics.Add(DiagnosticInfo.Create(descriptor, operation.Syntax.GetLocation(), arguments));
        return Value.Error;
    }

    private static string Trim(string text) => text.Trim('\'');

    private static string Describe(IOperation operation) => "'" + FirstLine(operation.Syntax.ToString()) + "'";

    private static string FirstLine(string text)
    {
        int newline = text.IndexOf('\n');
        return newline < 0 ? text : text.Substring(0, newline).TrimEnd() + " ...";
    }
}
