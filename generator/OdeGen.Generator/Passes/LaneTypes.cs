using System.Collections.Generic;
using System.Linq;
using OdeGen.Generator.Differentiation;
using OdeGen.Generator.Ir;

namespace OdeGen.Generator.Passes;

/// <summary>What a value of a lane kernel is: the same in every lane, or one per lane.</summary>
internal enum LaneKind
{
    /// <summary>An index: the same for every copy, since loops run the same way for all of them.</summary>
    Int,
    /// <summary>A condition on indices or shared values: one bool.</summary>
    Bool,
    /// <summary>A double computed from t, p, vp and constants only: one double, broadcast where it meets a lane value.</summary>
    Scalar,
    /// <summary>A double that depends on a copy's state: a <c>Vector&lt;double&gt;</c>, one copy per lane.</summary>
    Lane,
    /// <summary>A comparison of lane values: a <c>Vector&lt;double&gt;</c> of all-ones or all-zeros per lane.</summary>
    Mask,
}

/// <summary>
/// The types of a derivative program run on <c>Vector&lt;double&gt;.Count</c> copies at once (a compile-time
/// <c>vmap</c>): values that depend on the copy become vectors, whose lanes are the copies; values computed from the
/// shared parameters and time stay scalars. Loops and index arithmetic stay as they are: every copy runs them alike.
/// A branch on a lane value would have to run both ways with masks; such programs get no lane kernels
/// (<see cref="Of"/> returns null and says why), and batches of them run copy by copy.
/// </summary>
internal sealed class LaneTypes
{
    /// <summary>The largest stack a lane kernel's scratch spans may take (each element is 32 bytes).</summary>
    public const int ScratchBudgetBytes = 256 * 1024;

    private readonly LaneKind[] _kinds;

    private LaneTypes(LaneKind[] kinds) => _kinds = kinds;

    public LaneKind this[int node] => _kinds[node];

    /// <summary>The number of nodes typed: the program's.</summary>
    public int Count => _kinds.Length;

    public bool IsLane(int node) => _kinds[node] is LaneKind.Lane or LaneKind.Mask;

    /// <summary>Whether the values of an array are per copy: every array but the shared p and vp.</summary>
    public static bool IsLaneArray(ArrayInfo array) => array.Kind is not (ArrayKind.Parameters or ArrayKind.TangentParameters);

    /// <summary>The kinds of the program's nodes, or null with the reason it cannot run on lanes and the node that is why (-1: none).</summary>
    public static LaneTypes? Of(DerivativeProgram program, out string? reason, out int culprit)
    {
        culprit = -1;
        var phiSources = new Dictionary<int, int>();
        var readBack = new HashSet<int>();
        CollectPhisAndReadBacks(program, program.Body, phiSources, readBack);
        var kinds = new LaneKind[program.Nodes.Count];
        for (int id = 0; id < kinds.Length; id++)
        {
            // A value the reverse sweep reads back from a lane span is a vector there, so it is one everywhere.
            var kind = readBack.Contains(id) ? LaneKind.Lane : Classify(program, kinds, phiSources, id);
            if (kind is null)
            {
                reason = "Math.Sign of a value that depends on the state";
                culprit = id;
                return null;
            }
            kinds[id] = kind.Value;
        }
        var types = new LaneTypes(kinds);
        (reason, culprit) = types.Unsupported(program.Body, program);
        if (reason is null && ScratchBytes(program.Body, program) > ScratchBudgetBytes)
            reason = "its scratch spans would take more than " + ScratchBudgetBytes / 1024 + " KiB of stack";
        return reason is null ? types : null;
    }

    private static LaneKind? Classify(DerivativeProgram program, LaneKind[] kinds, Dictionary<int, int> phiSources, int id)
    {
        var node = program.Nodes[id];
        LaneKind Arg(int slot) => kinds[node.Arg(slot)];
        bool anyLane = Enumerable.Range(0, node.Op.Arity()).Any(slot => Arg(slot) is LaneKind.Lane or LaneKind.Mask);
        switch (node.Op)
        {
            case Op.Sign:
                return Arg(0) == LaneKind.Lane ? null : LaneKind.Int;
            case Op.IntConst or Op.LoopIndex:
            case >= Op.IntAdd and <= Op.IntRem:
                return LaneKind.Int;
            case Op.ToDouble or Op.Const or Op.Time or Op.TangentTime or Op.Parameter or Op.TangentParameter:
                return LaneKind.Scalar;
            case Op.State or Op.TangentState or Op.Cotangent or Op.Accumulator or Op.Running or Op.AdjointLoad:
                return LaneKind.Lane;
            case Op.Phi:
                // A merged index or condition keeps its kind; a merged double is declared as a vector.
                return phiSources.TryGetValue(id, out int source) && kinds[source] is LaneKind.Int or LaneKind.Bool ? kinds[source] : LaneKind.Lane;
            case Op.Load:
                return IsLaneArray(program.Arrays[node.Index]) ? LaneKind.Lane : LaneKind.Scalar;
            case >= Op.Less and <= Op.NotEqual:
                return anyLane ? LaneKind.Mask : LaneKind.Bool;
            case Op.And or Op.Or or Op.Not:
                // A mask combined with a bool would need the bool spread over the lanes; no parsed program does it.
                return anyLane ? Enumerable.Range(0, node.Op.Arity()).All(slot => Arg(slot) == LaneKind.Mask) ? LaneKind.Mask : null : LaneKind.Bool;
            case Op.Select:
                return Arg(0) == LaneKind.Mask || Arg(1) == LaneKind.Lane || Arg(2) == LaneKind.Lane ? LaneKind.Lane : LaneKind.Scalar;
            default:
                return anyLane ? LaneKind.Lane : LaneKind.Scalar;
        }
    }

    /// <summary>The values merged by each phi, and the values read back from lane spans (restores, TensorPrimitives results).</summary>
    private static void CollectPhisAndReadBacks(DerivativeProgram program, Block block, Dictionary<int, int> phiSources, HashSet<int> readBack)
    {
        foreach (var statement in block.Statements)
        {
            switch (statement)
            {
                case IfStmt branch:
                    foreach (var phi in branch.Phis) phiSources[phi.Phi] = phi.Then;
                    CollectPhisAndReadBacks(program, branch.Then, phiSources, readBack);
                    CollectPhisAndReadBacks(program, branch.Else, phiSources, readBack);
                    break;
                case ForStmt loop:
                    if (loop.Call is { } call) readBack.Add(call.Value);
                    CollectPhisAndReadBacks(program, loop.Body, phiSources, readBack);
                    break;
                case RestoreStmt restore when IsLaneArray(program.Arrays[restore.Array]):
                    readBack.Add(restore.Node);
                    break;
            }
        }
    }

    /// <summary>Why the program cannot run on lanes, or null: a branch on a lane value, or a TensorPrimitives call on p.</summary>
    private (string? Reason, int Culprit) Unsupported(Block block, DerivativeProgram program)
    {
        foreach (var statement in block.Statements)
        {
            switch (statement)
            {
                case IfStmt branch when IsLane(branch.Cond):
                    return ("an if on a value that depends on the state or input (write it as a conditional expression, which runs on lanes)", branch.Cond);
                case IfStmt branch:
                    var inBranch = Unsupported(branch.Then, program);
                    if (inBranch.Reason is null) inBranch = Unsupported(branch.Else, program);
                    if (inBranch.Reason is not null) return inBranch;
                    break;
                case ForStmt { Call: { } call } when !IsLaneArray(program.Arrays[call.Source]):
                    return ("TensorPrimitives." + call.Function + " of the parameters (the same for every copy: compute it into a scratch span in a loop, or before the call)", call.Value);
                case ForStmt loop:
                    var inLoop = Unsupported(loop.Body, program);
                    if (inLoop.Reason is not null) return inLoop;
                    break;
            }
        }
        return (null, -1);
    }

    private static long ScratchBytes(Block block, DerivativeProgram program)
    {
        long bytes = 0;
        foreach (var statement in block.Statements)
        {
            bytes += statement switch
            {
                ArrayDeclarationStmt declaration => 32L * program.Arrays[declaration.Array].Length,
                IfStmt branch => ScratchBytes(branch.Then, program) + ScratchBytes(branch.Else, program),
                ForStmt loop => ScratchBytes(loop.Body, program),
                _ => 0,
            };
        }
        return bytes;
    }
}
