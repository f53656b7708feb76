using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using OdeGen.Generator.Diagnostics;
using OdeGen.Generator.Differentiation;
using OdeGen.Generator.Emission;
using OdeGen.Generator.Ir;

namespace OdeGen.Generator.Parsing;

/// <summary>
/// Span elements: reads and writes of y, p, dy, of their slices and of stackalloc scratch spans.
/// Constant indices into y and p stay leaves of the graph (straight-line code); an index computed from a
/// loop index becomes a <see cref="Op.Load"/>. Scratch spans must be filled before they are read, outside
/// the loops that fill them, because the reverse pass reads their final contents.
/// </summary>
internal sealed partial class BodyParser
{
    private readonly List<ArrayInfo> _arrays = new();
    private readonly Dictionary<ISymbol, View> _views = new(SymbolEqualityComparer.Default);
    private readonly Dictionary<int, ScratchAccesses> _scratch = new();
    private int _accessSequence;

    /// <summary>Whether dy is written inside a loop: then every write of dy is a store, and dy cannot be read back.</summary>
    public bool OutputsInMemory { get; private set; }

    /// <summary>Spans indexed with a run-time index somewhere, with the first place: their size must be declared.</summary>
    public Dictionary<SpanKind, Location> DynamicIndices { get; } = new();

    /// <summary>A span variable: the array it reads, and where it starts in it.</summary>
    private sealed record View(int Array, Value Offset, int Length);

    /// <summary>
    /// An element: <see cref="Index"/> into the array, <see cref="Written"/> the index as the user wrote it into a
    /// view of <see cref="ViewLength"/> elements (-1: a whole span, or nothing to check). Where no indexer was
    /// written (an element of a TensorPrimitives call), <see cref="IndexText"/> says how the index reads.
    /// </summary>
    private sealed record ElementReference(int Array, Value Index, IOperation Syntax, Value Written, int ViewLength = -1, string? IndexText = null);

    private static bool IsDoubleSpan(ITypeSymbol type) =>
        type is INamedTypeSymbol { Name: "Span" or "ReadOnlySpan", TypeArguments.Length: 1 } named
        && named.ContainingNamespace.ToDisplayString() == "System"
        && named.TypeArguments[0].SpecialType == SpecialType.System_Double;

    private bool WritesOutputsInLoops(IBlockOperation block) =>
        block.Descendants().OfType<ILoopOperation>().Any(loop => loop.Descendants().Any(o =>
            o is IAssignmentOperation { Target: IPropertyReferenceOperation { Instance: IParameterReferenceOperation target } }
            && SymbolEqualityComparer.Default.Equals(target.Parameter, _signature.Derivative)));

    private void DeclareSpan(ILocalSymbol local, IVariableDeclaratorOperation declarator, IVariableInitializerOperation? initializer)
    {
        var value = initializer?.Value;
        while (value is IConversionOperation conversion) value = conversion.Operand;
        switch (value)
        {
            case { Syntax: StackAllocArrayCreationExpressionSyntax } when value.ChildOperations.Count == 1:
                var size = Expression(value.ChildOperations.First());
                if (!size.IsKnown || size.Integer <= 0)
                {
                    Unsupported(Descriptors.UnsupportedExpression, value, "'" + value.Syntax + "'", "the length of a stackalloc span must be a positive int constant");
                    return;
                }
                if (_loops.Count > 0)
                {
                    Unsupported(Descriptors.UnsupportedStatement, declarator, "A stackalloc inside a loop", "declare the span once, before the loop");
                    return;
                }
                _arrays.Add(new ArrayInfo(ArrayKind.Scratch, size.Integer, local.Name));
                int array = _arrays.Count - 1;
                _scratch[array] = new ScratchAccesses();
                _graph.Append(new ArrayDeclarationStmt(array));
                _views[local] = new View(array, Value.Int(0), size.Integer);
                return;
            case IInvocationOperation { TargetMethod.Name: "Slice" } slice when slice.Instance is not null && ViewOf(slice.Instance) is { } source:
                if (SliceOf(slice, source) is { } view) _views[local] = view;
                return;
            case not null when ViewOf(value) is { } alias:
                _views[local] = alias;
                return;
            default:
                Unsupported(Descriptors.UnsupportedStatement, declarator, "The span '" + local.Name + "'",
                    "initialize a span local with 'stackalloc double[n]' or with a Slice of y, p or another span");
                return;
        }
    }

    /// <summary>The view <c>source.Slice(start, length)</c> names; null after reporting why it cannot be used.</summary>
    private View? SliceOf(IInvocationOperation slice, View source)
    {
        if (source.Array == Arrays.Derivative)
        {
            Unsupported(Descriptors.UnsupportedExpression, slice, "A slice of '" + _signature.Derivative.Name + "'", "write dy's elements directly");
            return null;
        }
        var start = Expression(slice.Arguments[0].Value);
        var length = slice.Arguments.Length > 1 ? Expression(slice.Arguments[1].Value) : Value.Int(-1);
        if (start.Kind != ValueKind.Int || length.Kind != ValueKind.Int)
        {
            Unsupported(Descriptors.UnsupportedExpression, slice, "'" + slice.Syntax + "'", "Slice takes int offsets");
            return null;
        }
        return new View(source.Array, AddInts(source.Offset, start, slice), length.IsKnown ? length.Integer : -1);
    }

    private View? ViewOf(IOperation operation)
    {
        switch (operation)
        {
            case IParameterReferenceOperation parameter when IsDynamicsParameter(parameter.Parameter):
                if (SymbolEqualityComparer.Default.Equals(parameter.Parameter, _signature.State)) return new View(Arrays.State, Value.Int(0), -1);
                if (SymbolEqualityComparer.Default.Equals(parameter.Parameter, _signature.Parameters)) return new View(Arrays.Parameters, Value.Int(0), -1);
                if (SymbolEqualityComparer.Default.Equals(parameter.Parameter, _signature.Derivative)) return new View(Arrays.Derivative, Value.Int(0), -1);
                return null;
            case ILocalReferenceOperation local when _views.TryGetValue(local.Local, out var view):
                return view;
            default:
                return null;
        }
    }

    /// <summary>The element an indexer names, with the view's offset added to its index; null if it is not a span of doubles.</summary>
    private ElementReference? Element(IPropertyReferenceOperation indexer)
    {
        if (!indexer.Property.IsIndexer || indexer.Arguments.Length != 1 || indexer.Instance is null) return null;
        if (ViewOf(indexer.Instance) is not { } view) return null;
        var index = Expression(indexer.Arguments[0].Value);
        if (index.Kind == ValueKind.Error) return new ElementReference(view.Array, index, indexer, index);
        if (index.Kind != ValueKind.Int)
        {
            _diagnostics.Add(DiagnosticInfo.Create(Descriptors.NonConstantIndex, indexer.Arguments[0].Syntax.GetLocation(), indexer.Arguments[0].Syntax.ToString()));
            return new ElementReference(view.Array, Value.Error, indexer, Value.Error);
        }
        if (view.Length >= 0 && index.IsKnown && (index.Integer < 0 || index.Integer >= view.Length))
        {
            _diagnostics.Add(DiagnosticInfo.Create(Descriptors.IndexOutOfRange, indexer.Syntax.GetLocation(), indexer.Instance.Syntax.ToString(),
                index.Integer.ToString(CultureInfo.InvariantCulture), "length", view.Length.ToString(CultureInfo.InvariantCulture), (view.Length - 1).ToString(CultureInfo.InvariantCulture)));
            return new ElementReference(view.Array, Value.Error, indexer, Value.Error);
        }
        return new ElementReference(view.Array, AddInts(view.Offset, index, indexer), indexer, index, view.Length);
    }

    private Value LoadElement(ElementReference element, IOperation where)
    {
        if (element.Index.Kind == ValueKind.Error) return Value.Error;
        var kind = _arrays[element.Array].Kind;
        switch (kind)
        {
            case ArrayKind.State or ArrayKind.Parameters:
                var span = kind == ArrayKind.State ? SpanKind.State : SpanKind.Parameters;
                if (element.Index.IsKnown)
                {
                    Record(span, element.Index.Integer, where);
                    return Value.Double(_graph.Leaf(kind == ArrayKind.State ? Op.State : Op.Parameter, element.Index.Integer));
                }
                if (!DynamicIndices.ContainsKey(span)) DynamicIndices[span] = where.Syntax.GetLocation();
                return Value.Double(WatchedLoad(element));
            case ArrayKind.Derivative:
                if (OutputsInMemory)
                {
                    _diagnostics.Add(DiagnosticInfo.Create(Descriptors.OutputReadInLoops, where.Syntax.GetLocation(), _signature.Derivative.Name));
                    return Value.Error;
                }
                if (!element.Index.IsKnown)
                {
                    _diagnostics.Add(DiagnosticInfo.Create(Descriptors.NonConstantIndex, where.Syntax.GetLocation(), where.Syntax.ToString()));
                    return Value.Error;
                }
                int index = element.Index.Integer;
                if (!_outputs.TryGetValue(index, out int node) || node == PartiallyAssigned)
                {
                    _diagnostics.Add(DiagnosticInfo.Create(Descriptors.OutputReadBeforeWrite, where.Syntax.GetLocation(), _signature.Derivative.Name, index.ToString(CultureInfo.InvariantCulture)));
                    return Value.Error;
                }
                return Value.Double(node);
            default:
                _scratch[element.Array].Read(++_accessSequence, _loops, where.Syntax.GetLocation());
                return Value.Double(WatchedLoad(element));
        }
    }

    private void StoreElement(ElementReference element, Value value, bool accumulate, IOperation where)
    {
        var kind = _arrays[element.Array].Kind;
        if (kind is ArrayKind.State or ArrayKind.Parameters)
        {
            _diagnostics.Add(DiagnosticInfo.Create(Descriptors.AssignmentToInput, where.Syntax.GetLocation(), where.Syntax is AssignmentExpressionSyntax a ? a.Left.ToString() : where.Syntax.ToString()));
            return;
        }
        if (element.Index.Kind == ValueKind.Error || value.Kind == ValueKind.Error) return;
        int stored = Convert(value, ValueKind.Double, where).Node;
        if (stored < 0) return;
        if (kind == ArrayKind.Derivative && !OutputsInMemory)
        {
            if (!element.Index.IsKnown)
            {
                _diagnostics.Add(DiagnosticInfo.Create(Descriptors.NonConstantIndex, where.Syntax.GetLocation(), where.Syntax.ToString()));
                return;
            }
            Record(SpanKind.Derivative, element.Index.Integer, where);
            _outputs[element.Index.Integer] = stored;
            return;
        }
        if (kind == ArrayKind.Derivative)
        {
            if (element.Index.IsKnown) Record(SpanKind.Derivative, element.Index.Integer, where);
            else if (!DynamicIndices.ContainsKey(SpanKind.Derivative)) DynamicIndices[SpanKind.Derivative] = where.Syntax.GetLocation();
        }
        else
        {
            _scratch[element.Array].Write(++_accessSequence, _loops);
        }
        var store = new ArrayStoreStmt(element.Array, IntNode(element.Index), stored, accumulate);
        if (!element.Index.IsKnown) StoreWatches[store] = Watch(element);
        _graph.Append(store);
    }

    /// <summary>Element accesses at run-time indices, checked against their spans once the sizes are known.</summary>
    public Dictionary<int, IndexWatch> LoadWatches { get; } = new();

    public Dictionary<ArrayStoreStmt, IndexWatch> StoreWatches { get; } = new(ReferenceEqualityComparer.Instance);

    /// <summary>Where each watched access is, and how it reads: the span and the index as written.</summary>
    public Dictionary<IndexWatch, (Location Location, string Span, string Index)> WatchSites { get; } = new(ReferenceEqualityComparer.Instance);

    private int WatchedLoad(ElementReference element)
    {
        int node = _graph.Load(element.Array, IntNode(element.Index));
        if (!element.Index.IsKnown && !LoadWatches.ContainsKey(node)) LoadWatches[node] = Watch(element);
        return node;
    }

    private IndexWatch Watch(ElementReference element)
    {
        var watch = new IndexWatch(element.Array, IntNode(element.Index), IntNode(element.Written), element.ViewLength);
        var (span, index) = element.Syntax is IPropertyReferenceOperation { Instance: { } instance } indexer
            ? (instance.Syntax.ToString(), indexer.Arguments[0].Syntax.ToString())
            : (_arrays[element.Array].Name, element.IndexText ?? element.Syntax.Syntax.ToString());
        WatchSites[watch] = (element.Syntax.Syntax.GetLocation(), span, index);
        return watch;
    }

    private void Record(SpanKind span, int index, IOperation where)
    {
        if (!Indices.ContainsKey((span, index))) Indices[(span, index)] = where.Syntax.GetLocation();
    }

    /// <summary>The int node of a value (a constant node for a known int).</summary>
    private int IntNode(Value value) => value.IsKnown ? _graph.IntConst(value.Integer) : value.Node;

    private Value AddInts(Value a, Value b, IOperation where)
    {
        if (a.Kind == ValueKind.Error || b.Kind == ValueKind.Error) return Value.Error;
        if (a.IsKnown && b.IsKnown) return Value.Int(a.Integer + b.Integer);
        return DynamicIntBinary(BinaryOperatorKind.Add, a, b, where);
    }

    private Value DynamicIntBinary(BinaryOperatorKind kind, Value left, Value right, IOperation where)
    {
        int a = IntNode(left), b = IntNode(right);
        Op? op = kind switch
        {
            BinaryOperatorKind.Add => Op.IntAdd,
            BinaryOperatorKind.Subtract => Op.IntSub,
            BinaryOperatorKind.Multiply => Op.IntMul,
            BinaryOperatorKind.Divide => Op.IntDiv,
            BinaryOperatorKind.Remainder => Op.IntRem,
            _ => null,
        };
        if (op is not null)
        {
            int node = _graph.Emit(op.Value, a, b);
            return _graph[node].Op == Op.IntConst ? Value.Int((int)_graph[node].Value) : Value.IntNode(node);
        }
        Op? comparison = kind switch
        {
            BinaryOperatorKind.LessThan => Op.Less,
            BinaryOperatorKind.LessThanOrEqual => Op.LessOrEqual,
            BinaryOperatorKind.GreaterThan => Op.Greater,
            BinaryOperatorKind.GreaterThanOrEqual => Op.GreaterOrEqual,
            BinaryOperatorKind.Equals => Op.Equal,
            BinaryOperatorKind.NotEquals => Op.NotEqual,
            _ => null,
        };
        if (comparison is not null) return Value.Bool(_graph.Emit(comparison.Value, a, b));
        return Unsupported(Descriptors.UnsupportedExpression, where, "The int operator in '" + where.Syntax + "'", "use + - * / % and comparisons on ints");
    }

    /// <summary>Reports scratch spans read before their last write, or read in a loop that also writes them.</summary>
    private void CheckScratchAccesses()
    {
        foreach (var entry in _scratch)
        {
            var accesses = entry.Value;
            if (accesses.FirstReadLocation is null) continue;
            if (accesses.FirstRead < accesses.LastWrite || accesses.ReadLoops.Overlaps(accesses.WriteLoops))
                _diagnostics.Add(DiagnosticInfo.Create(Descriptors.ScratchReadTooEarly, accesses.FirstReadLocation, _arrays[entry.Key].Name));
        }
    }

    private sealed class ScratchAccesses
    {
        public int LastWrite { get; private set; } = -1;

        public int FirstRead { get; private set; } = int.MaxValue;

        public Location? FirstReadLocation { get; private set; }

        public HashSet<int> WriteLoops { get; } = new();

        public HashSet<int> ReadLoops { get; } = new();

        public void Write(int sequence, IEnumerable<int> loops)
        {
            LastWrite = sequence;
            WriteLoops.UnionWith(loops);
        }

        public void Read(int sequence, IEnumerable<int> loops, Location location)
        {
            if (FirstReadLocation is null)
            {
                FirstRead = sequence;
                FirstReadLocation = location;
            }
            ReadLoops.UnionWith(loops);
        }
    }
}
