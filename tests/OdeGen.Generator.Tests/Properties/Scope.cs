using System.Collections.Generic;

namespace OdeGen.Generator.Tests.Properties;

/// <summary>What an expression may read at the point where it is generated.</summary>
internal sealed class Scope
{
    public Scope(int stateSize, int parameterSize)
    {
        StateSize = stateSize;
        ParameterSize = parameterSize;
    }

    public int StateSize { get; }

    /// <summary>0 for the signature without p.</summary>
    public int ParameterSize { get; }

    /// <summary>Double locals (and const doubles) definitely assigned here.</summary>
    public List<string> Locals { get; init; } = new();

    /// <summary>Outputs dy[i] assigned on every path before here.</summary>
    public HashSet<int> AssignedOutputs { get; init; } = new();

    /// <summary>const int locals and their values, usable as y indices.</summary>
    public Dictionary<string, int> Indices { get; init; } = new();

    /// <summary>Whether outputs may be read back here.</summary>
    public bool OutputsReadable { get; init; } = true;

    /// <summary>
    /// The loop family's extra reads (span elements at indices valid here, loop indices as doubles); null in
    /// straight-line programs, whose random choices then stay exactly what they were.
    /// </summary>
    public System.Func<Expr>? LoopLeaf { get; init; }

    public Scope Copy(bool outputsReadable = true) => new(StateSize, ParameterSize)
    {
        OutputsReadable = OutputsReadable && outputsReadable,
        LoopLeaf = LoopLeaf,
        Locals = new List<string>(Locals),
        AssignedOutputs = new HashSet<int>(AssignedOutputs),
        Indices = new Dictionary<string, int>(Indices),
    };
}
