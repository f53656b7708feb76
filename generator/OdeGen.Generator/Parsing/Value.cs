namespace OdeGen.Generator.Parsing;

/// <summary>The spans of a dynamics method that are indexed.</summary>
internal enum SpanKind
{
    State,
    Parameters,
    Derivative,
}

internal enum ValueKind
{
    Double,
    Int,
    Bool,
    Error,
}

/// <summary>A parsed value: a double or bool node, or an int: known at compile time, or a node (a loop index and what is computed from it).</summary>
internal readonly record struct Value(ValueKind Kind, int Node, int Integer)
{
    public static Value Error => new(ValueKind.Error, -1, 0);

    public static Value Double(int node) => new(ValueKind.Double, node, 0);

    public static Value Bool(int node) => new(ValueKind.Bool, node, 0);

    public static Value Int(int value) => new(ValueKind.Int, -1, value);

    public static Value IntNode(int node) => new(ValueKind.Int, node, 0);

    /// <summary>An int known at compile time.</summary>
    public bool IsKnown => Kind == ValueKind.Int && Node < 0;
}
