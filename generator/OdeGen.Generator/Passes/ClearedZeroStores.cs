using System.Collections.Generic;
using System.Linq;
using OdeGen.Generator.Differentiation;
using OdeGen.Generator.Ir;
using OdeGen.Generator.Model;

namespace OdeGen.Generator.Passes;

/// <summary>
/// Drops the stores of zero into an output the program clears first, when zero is all that is ever stored there:
/// the clear already wrote them. TimeDerivative of a loop system that does not read t was <c>dfdt.Clear()</c> and
/// then a loop writing 0 into every element; it is the clear alone. <see cref="DeadCode"/> then removes the empty loop.
/// </summary>
/// <remarks>
/// Only outputs backed by an array in a loop program (jv, dfdt) and written element by element (dfdt, jv as
/// StoreStmt) are considered, and only when no store into them, anywhere, is an accumulation or a non-zero value:
/// then every element ends at zero with or without the stores.
/// </remarks>
internal static class ClearedZeroStores
{
    public static DerivativeProgram Apply(DerivativeProgram program)
    {
        var cleared = program.Body.Statements.OfType<ClearStmt>().Select(clear => clear.Target).ToList();
        if (cleared.Count == 0) return program;
        foreach (var target in cleared)
        {
            var kind = ArrayOf(target);
            bool IsTarget(int array) => kind is { } k && program.Arrays[array].Kind == k;
            bool onlyZeros = true;
            IrUses.Walk(program.Body, statement =>
            {
                switch (statement)
                {
                    case ArrayStoreStmt store when IsTarget(store.Array) && (store.Accumulate || !IsZero(program, store.Value)):
                    case StoreStmt plain when plain.Target == target && !IsZero(program, plain.Node):
                        onlyZeros = false;
                        break;
                    case ForStmt { Call: { } call } when IsTarget(call.Destination):
                        onlyZeros = false;
                        break;
                }
            });
            if (!onlyZeros) continue;
            program = DeadCode.Apply(program with { Body = Without(program.Body, target, IsTarget) });
        }
        return program;
    }

    private static ArrayKind? ArrayOf(OutputSpan target) => target switch
    {
        OutputSpan.DfDt => ArrayKind.DfDt,
        OutputSpan.Jv => ArrayKind.Jv,
        _ => null,
    };

    private static bool IsZero(DerivativeProgram program, int node) => program.Nodes[node].IsConstValue(0);

    private static Block Without(Block block, OutputSpan target, System.Func<int, bool> isTarget)
    {
        var kept = new List<Stmt>();
        foreach (var statement in block.Statements)
        {
            switch (statement)
            {
                case ArrayStoreStmt store when isTarget(store.Array):
                case StoreStmt plain when plain.Target == target:
                    continue;
                case ForStmt { Call: null } loop:
                    kept.Add(loop with { Body = Without(loop.Body, target, isTarget) });
                    continue;
                case IfStmt branch:
                    kept.Add(branch with { Then = Without(branch.Then, target, isTarget), Else = Without(branch.Else, target, isTarget) });
                    continue;
            }
            kept.Add(statement);
        }
        return new Block(block.Scope, kept.ToEquatableArray());
    }
}
