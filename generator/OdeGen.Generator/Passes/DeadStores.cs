using System.Collections.Generic;
using System.Linq;
using OdeGen.Generator.Differentiation;
using OdeGen.Generator.Ir;
using OdeGen.Generator.Model;

namespace OdeGen.Generator.Passes;

/// <summary>
/// Removes the stores into scratch arrays that nothing reads, then the code they needed (<see cref="DeadCode"/>), until
/// no such store is left: a derivative program keeps the user's forward loops, and some members read none of their
/// values (TimeDerivative of a system that does not read t stores a hidden layer's tanh nobody reads).
/// </summary>
/// <remarks>
/// An array counts as read when a live statement loads it (a Load or AdjointLoad node, a read-back, a reduction or an
/// element-wise call's source). Only scratch goes: the outputs (dy, jv, wJy, wJp, hy, hp, dfdt) are what a member is
/// for. An element-wise call's loop goes only when every store in it is dead, since its call writes the destination
/// and its tangents may be read. Removing a store that nothing reads cannot change a result.
/// </remarks>
internal static class DeadStores
{
    public static DerivativeProgram Apply(DerivativeProgram program)
    {
        while (true)
        {
            var read = ReadArrays(program);
            bool Dead(int array) => program.Arrays[array].Kind == ArrayKind.Scratch && !read.Contains(array);
            bool removed = false;
            var body = Without(program.Body, Dead, ref removed);
            if (!removed) return program;
            program = DeadCode.Apply(program with { Body = body });
        }
    }

    private static HashSet<int> ReadArrays(DerivativeProgram program)
    {
        var read = new HashSet<int>();
        IrUses.Walk(program.Body, statement =>
        {
            switch (statement)
            {
                case LetStmt let when program.Nodes[let.Node].Op is Op.Load or Op.AdjointLoad:
                    read.Add(program.Nodes[let.Node].Index);
                    break;
                case RestoreStmt restore:
                    read.Add(restore.Array);
                    break;
                case ReductionStmt reduction:
                    read.Add(reduction.Call.First);
                    if (reduction.Call.Second >= 0) read.Add(reduction.Call.Second);
                    break;
                case ForStmt { Call: { } call }:
                    read.Add(call.Source);
                    break;
            }
        });
        return read;
    }

    private static Block Without(Block block, System.Func<int, bool> dead, ref bool removed)
    {
        var kept = new List<Stmt>();
        foreach (var statement in block.Statements)
        {
            switch (statement)
            {
                case ArrayStoreStmt store when dead(store.Array):
                    removed = true;
                    continue;
                case ForStmt { Call: { } call } loop when dead(call.Destination) && StoresOnlyInto(loop.Body, dead):
                    removed = true;
                    continue;
                case ForStmt { Call: null } loop:
                    kept.Add(loop with { Body = Without(loop.Body, dead, ref removed) });
                    continue;
                case IfStmt branch:
                    kept.Add(branch with { Then = Without(branch.Then, dead, ref removed), Else = Without(branch.Else, dead, ref removed) });
                    continue;
            }
            kept.Add(statement);
        }
        return new Block(block.Scope, kept.ToEquatableArray());
    }

    /// <summary>Whether every store in the block (an element-wise call's loop) is into a dead array.</summary>
    private static bool StoresOnlyInto(Block body, System.Func<int, bool> dead)
    {
        bool only = true;
        IrUses.Walk(body, statement =>
        {
            if (statement is ArrayStoreStmt store && !dead(store.Array)) only = false;
            if (statement is StoreStmt or AccumulateStmt or ReturnStmt) only = false;
        });
        return only;
    }
}
