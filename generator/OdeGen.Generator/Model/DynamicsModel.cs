using OdeGen.Generator.Diagnostics;
using System.Linq;
using Microsoft.CodeAnalysis.Text;
using OdeGen.Generator.Ir;

namespace OdeGen.Generator.Model;

/// <summary>
/// Everything the later stages need about one [OdeDynamics] method, as a frozen equatable value:
/// no symbols, syntax or semantic models. Names of types are strings. <see cref="SkipsLocalsInit"/> says
/// whether the generated code (nested in the method's types) runs under [SkipLocalsInit], so that a stackalloc
/// span must be cleared before use.
/// </summary>
internal sealed record DynamicsModel(
    string? Namespace,
    EquatableArray<ContainingType> ContainingTypes,
    string QualifiedTypeName,
    string MethodName,
    bool HasParameters,
    int StateSize,
    int ParameterSize,
    IrProgram Program,
    EquatableArray<string> UserNames,
    SourceLocation Location,
    bool SkipsLocalsInit = false,
    int LayerOutputSize = -1)
{
    /// <summary>
    /// Whether this is a [Differentiable] span layer <c>F(x, p, y)</c> rather than dynamics: then y is
    /// <see cref="StateSize"/> long (the input x), dy is <see cref="OutputSize"/> long (the output y), and there is no t.
    /// </summary>
    public bool IsLayer => LayerOutputSize >= 0;

    /// <summary>Length of the output: dy's (the state size) for dynamics, y's for a layer.</summary>
    public int OutputSize => IsLayer ? LayerOutputSize : StateSize;

    public string StructName => MethodName + (IsLayer ? "Function" : "System");

    /// <summary>{Namespace}.{Type}.{Struct}.g.cs for a layer, .{Method}.g.cs for dynamics, with generic type parameters written as "`1" so the name is a valid file name.</summary>
    public string HintName => (Namespace is null ? "" : Namespace + ".") + string.Join(".", ContainingTypes.AsImmutableArray().Select(t => FileSafe(t.Name))) + "." + (IsLayer ? StructName : MethodName) + ".g.cs";

    private static string FileSafe(string typeName)
    {
        int open = typeName.IndexOf('<');
        return open < 0 ? typeName : typeName.Substring(0, open) + "`" + (typeName.Count(c => c == ',') + 1);
    }
}

/// <summary>
/// Where the method's name is, for the internal-error diagnostic reported after Parse. Two locations in the same file
/// are equal: an edit above the method moves it without changing what is generated, and the models must stay equal
/// for Differentiate and Emit to stay cached (a cached Emit that failed would report at the position it had then).
/// </summary>
internal sealed record SourceLocation(string FilePath, TextSpan Span, LinePositionSpan LineSpan)
{
    public bool Equals(SourceLocation? other) => other is not null && FilePath == other.FilePath;

    public override int GetHashCode() => FilePath.GetHashCode();
}

/// <summary>A type the method is nested in, outermost first: its keyword ("class", "record struct", ...) and name with type parameters.</summary>
internal sealed record ContainingType(string Keyword, string Name, bool IsStatic);

/// <summary>The parsed body: the node graph, the region tree, the statements and the node assigned to each dy[i].</summary>
/// <remarks>
/// In a program with loops that write dy, the outputs live in memory (<see cref="OutputsInMemory"/>):
/// dy is written by <see cref="ArrayStoreStmt"/>s and <see cref="Outputs"/> is empty.
/// </remarks>
internal sealed record IrProgram(EquatableArray<Node> Nodes, EquatableArray<int> ScopeParents, Block Body, EquatableArray<int> Outputs, EquatableArray<ArrayInfo> Arrays, bool HasLoops, bool OutputsInMemory,
    EquatableArray<NodeSite> Sites);

/// <summary>
/// Where in the source a node came from, for the constructs a later stage may report on (the condition of an if, a
/// Math.Sign call, an element-wise TensorPrimitives call): file, span and line span, as in a diagnostic. Like
/// <see cref="SourceLocation"/>, two sites of one node in one file are equal, so that an edit elsewhere keeps the stages cached.
/// </summary>
internal sealed record NodeSite(int Node, string FilePath, TextSpan Span, LinePositionSpan LineSpan)
{
    public bool Equals(NodeSite? other) => other is not null && Node == other.Node && FilePath == other.FilePath;

    public override int GetHashCode() => Node * 31 + FilePath.GetHashCode();
}

/// <summary>What Parse hands on: a model when the method can be differentiated, and its diagnostics.</summary>
internal sealed record ParseResult(DynamicsModel? Model, EquatableArray<DiagnosticInfo> Diagnostics);
