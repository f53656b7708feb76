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

    /// <summary>
    /// Whether outputs may be read. Not inside a nested if until this bug is fixed: an output assigned and
    /// read in a nested branch, with code after the nested if, makes Vjp's reverse sweep recompute the read
    /// from a value of the forward sweep that is out of scope (CS0103). Repro:
    /// <c>dy[0] = y[0]; double a = 1.0; if (y[0] > 0.0) { if (y[1] > 0.0) { dy[0] += y[1]; a = dy[0] * y[1]; } a = a * a; } dy[1] = a;</c>
    /// </summary>
    public bool OutputsReadable { get; init; } = true;

    public Scope Copy(bool outputsReadable = true) => new(StateSize, ParameterSize)
    {
        OutputsReadable = OutputsReadable && outputsReadable,
        Locals = new List<string>(Locals),
        AssignedOutputs = new HashSet<int>(AssignedOutputs),
        Indices = new Dictionary<string, int>(Indices),
    };
}
