using System.Collections.Generic;
using System.Linq;
using OdeGen.Generator.Ir;
using OdeGen.Generator.Model;

namespace OdeGen.Generator.Differentiation;

/// <summary>
/// Runs a program with loops at generation time, on dependency sets instead of numbers: each double is the set of
/// state indices it depends on, ints (loop indices and indices computed from them) have their actual values, and
/// loops run their actual iterations; a condition that depends on doubles takes both branches. Only this analysis
/// unrolls, so the generated code does not grow with the iteration count; past a work limit it gives up. What it
/// finds: the sparsity of df/dy, exact up to cancellation (this file); which stores the reverse sweep can read
/// back or skip (LoopInterpreter.Stores.cs); indices out of range (LoopInterpreter.Indices.cs).
/// </summary>
internal sealed partial class LoopInterpreter
{
    private const int WorkLimit = 4_000_000;

    private readonly IrProgram _program;
    private readonly Dictionary<int, HashSet<int>> _sets = new();
    private readonly Dictionary<int, int> _ints = new();
    private readonly Dictionary<int, bool?> _conditions = new();
    private readonly Dictionary<int, HashSet<int>[]> _arrays = new();
    private int _work;
    private int _speculation;

    private LoopInterpreter(IrProgram program) => _program = program;

    /// <summary>
    /// The sparsity pattern (rows of df/dy), the stores whose values the reverse sweep can read back, and the stores
    /// into scratch spans whose values nothing reads.
    /// </summary>
    public static LoopFacts Run(IrProgram program, int stateSize)
    {
        var interpreter = new LoopInterpreter(program);
        if (!interpreter.TryRun(stateSize))
        {
            var dense = Enumerable.Range(0, stateSize).ToEquatableArray();
            return new LoopFacts(Enumerable.Range(0, stateSize).Select(_ => dense).ToEquatableArray(), new HashSet<ArrayStoreStmt>(), new HashSet<ArrayStoreStmt>());
        }
        var rows = program.OutputsInMemory
            ? interpreter._arrays[Arrays.Derivative]
            : program.Outputs.Select(interpreter.Set).ToArray();
        var pattern = rows.Select(r => r.Where(j => j >= 0 && j < stateSize).OrderBy(j => j).ToEquatableArray()).ToEquatableArray();
        return new LoopFacts(pattern, interpreter.StoresToReadBack(), interpreter.UnreadStores());
    }

    /// <summary>Runs the whole program once, dy holding <paramref name="stateSize"/> elements; false past the work limit.</summary>
    private bool TryRun(int stateSize)
    {
        _arrays[Arrays.Derivative] = Enumerable.Range(0, stateSize).Select(_ => new HashSet<int>()).ToArray();
        try
        {
            Run(_program.Body);
            return true;
        }
        catch (WorkLimitExceeded)
        {
            return false;
        }
    }

    private Node N(int id) => _program.Nodes[id];

    private void Run(Block block)
    {
        foreach (var statement in block.Statements)
        {
            if (++_work > WorkLimit) throw new WorkLimitExceeded();
            switch (statement)
            {
                case LetStmt let:
                    Evaluate(let.Node);
                    break;
                case IfStmt branch:
                    // A condition on doubles may go either way: both branches run, and a store in either may not happen.
                    var condition = Condition(branch.Cond);
                    if (condition is null) _speculation++;
                    if (condition is not false) Run(branch.Then);
                    if (condition is not true) Run(branch.Else);
                    if (condition is null) _speculation--;
                    foreach (var phi in branch.Phis)
                    {
                        _sets[phi.Phi] = condition switch
                        {
                            true => new HashSet<int>(Set(phi.Then)),
                            false => new HashSet<int>(Set(phi.Else)),
                            null => Union(Set(phi.Then), Set(phi.Else)),
                        };
                    }
                    break;
                case ForStmt loop:
                    foreach (var carried in loop.Carried) _sets[carried.Running] = new HashSet<int>(Set(carried.Initial));
                    for (int i = Int(loop.From); i < Int(loop.To); i++)
                    {
                        _ints[loop.LoopIndex] = i;
                        Run(loop.Body);
                        foreach (var carried in loop.Carried) _sets[carried.Running] = Union(_sets[carried.Running], Set(carried.Next));
                    }
                    foreach (var carried in loop.Carried) _sets[carried.Exit] = _sets[carried.Running];
                    break;
                case ArrayDeclarationStmt declaration:
                    _arrays[declaration.Array] = Enumerable.Range(0, _program.Arrays[declaration.Array].Length).Select(_ => new HashSet<int>()).ToArray();
                    _writes[declaration.Array] = new int[_program.Arrays[declaration.Array].Length];
                    _writers[declaration.Array] = Enumerable.Range(0, _program.Arrays[declaration.Array].Length).Select(_ => new List<ArrayStoreStmt>()).ToArray();
                    break;
                case ArrayStoreStmt store:
                    if (_storeWatches is not null && _storeWatches.TryGetValue(store, out var storeWatch)) Watch(storeWatch);
                    if (!_arrays.TryGetValue(store.Array, out var elements)) break;
                    int index = Int(store.Index);
                    CountWrite(store, index);
                    RecordWriter(store, index);
                    if (index < 0 || index >= elements.Length) break;
                    // Inside a branch taken only perhaps, a store may or may not replace the element.
                    if (store.Accumulate || _speculation > 0) elements[index].UnionWith(Set(store.Value));
                    else elements[index] = new HashSet<int>(Set(store.Value));
                    break;
            }
        }
    }

    private void Evaluate(int id)
    {
        if (_loadWatches is not null && _loadWatches.TryGetValue(id, out var watch)) Watch(watch);
        var node = N(id);
        if (node.Op.IsInt()) _ints[id] = Int(id, evaluate: true);
        else if (node.Op.IsBoolean()) _conditions[id] = Condition(id, evaluate: true);
        else _sets[id] = Compute(node);
    }

    private HashSet<int> Compute(Node node)
    {
        switch (node.Op)
        {
            case Op.Load when !IsStatic(node.A):
                // An index that depends on the state (through Math.Sign) may be any element.
                RecordRead(node.Index, null);
                return node.Index == Arrays.State ? new HashSet<int>(Enumerable.Range(0, _program.Arrays[Arrays.State].Length)) : AllOf(node.Index);
            case Op.Load:
                int index = Int(node.A);
                RecordRead(node.Index, index);
                if (node.Index == Arrays.State) return new HashSet<int> { index };
                return _arrays.TryGetValue(node.Index, out var elements) && index >= 0 && index < elements.Length ? new HashSet<int>(elements[index]) : new HashSet<int>();
            case Op.Select:
                return Condition(node.A) switch
                {
                    true => new HashSet<int>(Set(node.B)),
                    false => new HashSet<int>(Set(node.C)),
                    null => Union(Set(node.B), Set(node.C)),
                };
            default:
                var result = new HashSet<int>();
                for (int slot = 0; slot < node.Op.Arity(); slot++)
                {
                    int arg = node.Arg(slot);
                    if (!N(arg).Op.IsNonDifferentiable()) result.UnionWith(Set(arg));
                }
                return result;
        }
    }

    private HashSet<int> Set(int id)
    {
        var node = N(id);
        if (node.Op == Op.State) return new HashSet<int> { node.Index };
        if (node.Op.IsLeaf() && node.Op is not (Op.Phi or Op.Running)) return new HashSet<int>();
        return _sets.TryGetValue(id, out var set) ? set : new HashSet<int>();
    }

    private int Int(int id, bool evaluate = false)
    {
        var node = N(id);
        if (node.Op == Op.IntConst) return (int)node.Value;
        if (!evaluate && _ints.TryGetValue(id, out int known)) return known;
        return node.Op switch
        {
            Op.IntAdd => unchecked(Int(node.A) + Int(node.B)),
            Op.IntSub => unchecked(Int(node.A) - Int(node.B)),
            Op.IntMul => unchecked(Int(node.A) * Int(node.B)),
            Op.IntDiv => Int(node.B) == 0 ? 0 : Int(node.A) / Int(node.B),
            Op.IntRem => Int(node.B) == 0 ? 0 : Int(node.A) % Int(node.B),
            _ => _ints.TryGetValue(id, out int value) ? value : 0,
        };
    }

    /// <summary>The value of a condition when it depends on ints only; null when it depends on doubles.</summary>
    private bool? Condition(int id, bool evaluate = false)
    {
        var node = N(id);
        if (node.Op == Op.Const) return node.Value != 0;
        if (!evaluate && _conditions.TryGetValue(id, out var known)) return known;
        bool IntArgs() => N(node.A).Op.IsInt() && N(node.B).Op.IsInt() && IsStatic(node.A) && IsStatic(node.B);
        return node.Op switch
        {
            Op.Less when IntArgs() => Int(node.A) < Int(node.B),
            Op.LessOrEqual when IntArgs() => Int(node.A) <= Int(node.B),
            Op.Greater when IntArgs() => Int(node.A) > Int(node.B),
            Op.GreaterOrEqual when IntArgs() => Int(node.A) >= Int(node.B),
            Op.Equal when IntArgs() => Int(node.A) == Int(node.B),
            Op.NotEqual when IntArgs() => Int(node.A) != Int(node.B),
            Op.Not => !Condition(node.A),
            Op.And => Condition(node.A) is { } a && Condition(node.B) is { } b ? a && b : Condition(node.A) == false || Condition(node.B) == false ? false : null,
            Op.Or => Condition(node.A) is { } c && Condition(node.B) is { } d ? c || d : Condition(node.A) == true || Condition(node.B) == true ? true : null,
            _ => null,
        };
    }

    /// <summary>Whether an int is known here without the state: loop indices and arithmetic on them, not Math.Sign.</summary>
    private bool IsStatic(int id)
    {
        var node = N(id);
        if (node.Op == Op.Sign) return false;
        for (int slot = 0; slot < node.Op.Arity(); slot++)
        {
            if (!IsStatic(node.Arg(slot))) return false;
        }
        return true;
    }

    private HashSet<int> AllOf(int array)
    {
        var all = new HashSet<int>();
        if (_arrays.TryGetValue(array, out var elements)) foreach (var element in elements) all.UnionWith(element);
        return all;
    }

    private static HashSet<int> Union(HashSet<int> a, HashSet<int> b)
    {
        var result = new HashSet<int>(a);
        result.UnionWith(b);
        return result;
    }

    private sealed class WorkLimitExceeded : System.Exception
    {
    }
}
