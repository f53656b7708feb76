using System.Collections.Generic;
using System.Linq;
using OdeGen.Generator.Differentiation;
using OdeGen.Generator.Ir;
using OdeGen.Generator.Model;

namespace OdeGen.Generator.Passes;

/// <summary>
/// Register blocking of matrix-vector products: a loop over rows whose body runs one inner loop (a dot product, or the
/// transposed axpy of a reverse sweep) is unrolled by <see cref="Rows"/> and the copies of the inner loop are jammed into
/// one, so that a value loaded once (x[j] of W x) feeds <see cref="Rows"/> multiply-adds in independent chains instead
/// of one multiply-add waiting on the last (Allen and Kennedy, "Optimizing Compilers for Modern Architectures", 2001,
/// section 8.4: unroll-and-jam).
/// </summary>
/// <remarks>
/// The pass changes the order in which rows run, never the order of the operations that make one element: a copy's
/// statements keep their order, copies keep the order of their rows, and the pass refuses a loop unless the elements
/// each row writes are its own (<see cref="RowAccesses"/>) or are written at one inner iteration only, so the
/// generated code computes the same bits as the loop as written. Loops it refuses stay as they are.
/// </remarks>
internal static class UnrollAndJam
{
    /// <summary>Rows computed together: four accumulators, their four broadcasts and the shared load fit the 16 vector registers of AVX2.</summary>
    public const int Rows = 4;

    public static DerivativeProgram Apply(DerivativeProgram program)
    {
        var nodes = new List<Node>(program.Nodes);
        var body = Rewrite(program.Body, nodes, program.Arrays);
        return nodes.Count == program.Nodes.Count ? program : program with { Nodes = nodes.ToEquatableArray(), Body = body };
    }

    private static Block Rewrite(Block block, List<Node> nodes, EquatableArray<ArrayInfo> arrays)
    {
        var statements = new List<Stmt>();
        foreach (var statement in block.Statements)
        {
            switch (statement)
            {
                case ForStmt loop when Jam(loop, nodes, arrays) is { } jammed:
                    statements.AddRange(jammed);
                    break;
                case ForStmt loop:
                    statements.Add(loop with { Body = Rewrite(loop.Body, nodes, arrays) });
                    break;
                case IfStmt branch:
                    statements.Add(branch with { Then = Rewrite(branch.Then, nodes, arrays), Else = Rewrite(branch.Else, nodes, arrays) });
                    break;
                default:
                    statements.Add(statement);
                    break;
            }
        }
        return new Block(block.Scope, statements.ToEquatableArray());
    }

    /// <summary>The unrolled and jammed loop and the loop over the rows left over, or null when the loop is not of the form the pass handles.</summary>
    private static List<Stmt>? Jam(ForStmt rows, List<Node> nodes, EquatableArray<ArrayInfo> arrays)
    {
        if (!IsCandidate(rows, nodes, out var inner)) return null;
        int from = (int)nodes[rows.From].Value, count = (int)nodes[rows.To].Value - from;
        var written = new HashSet<int>();
        IrUses.Walk(rows.Body, s => { if (s is ArrayStoreStmt store) written.Add(store.Array); });
        var varying = Varying(rows, inner, nodes, written);
        if (!RowAccesses.AreIndependent(rows, inner, nodes, written, varying)) return null;

        int left = count % Rows;
        // With rows left over, the remainder loop keeps the original nodes, so every copy of the jammed loop gets new ones.
        bool cloneFirst = left > 0;
        var copies = new List<Dictionary<int, int>>();
        var indexLets = new List<Stmt>();
        for (int c = 0; c < Rows; c++)
        {
            var map = new Dictionary<int, int>();
            if (c > 0)
            {
                var index = nodes[rows.LoopIndex];
                int offset = Add(nodes, new Node(Op.IntConst, -1, -1, -1, c, 0, 0, null));
                map[rows.LoopIndex] = Add(nodes, new Node(rows.Reversed ? Op.IntSub : Op.IntAdd, rows.LoopIndex, offset, -1, 0, 0, rows.Body.Scope, RowName(index.Name ?? "i", c)));
                indexLets.Add(new LetStmt(map[rows.LoopIndex]));
            }
            else
            {
                map[rows.LoopIndex] = rows.LoopIndex;
            }
            if (c > 0 || cloneFirst) CloneVarying(rows.Body, varying, nodes, map, c);
            copies.Add(map);
        }

        var body = new List<Stmt>(indexLets);
        var jammedInner = new List<Stmt>();
        var carried = new List<CarriedValue>();
        var after = new List<Stmt>();
        var place = body;
        foreach (var statement in rows.Body.Statements)
        {
            if (statement is ForStmt)
            {
                foreach (var s in inner.Body.Statements) Emit(s, copies, varying, jammedInner);
                foreach (var map in copies)
                    foreach (var value in inner.Carried)
                        carried.Add(new CarriedValue(Map(map, value.Running), Map(map, value.Initial), Map(map, value.Next), Map(map, value.Exit)));
                body.Add(inner with { Body = new Block(inner.Body.Scope, jammedInner.ToEquatableArray()), Carried = carried.ToEquatableArray() });
                place = after;
                continue;
            }
            Emit(statement, copies, varying, place);
        }
        body.AddRange(after);

        var result = new List<Stmt>();
        int mainFrom = rows.Reversed ? from + left + Rows - 1 : from;
        int mainTo = rows.Reversed ? from + count : from + count - left;
        result.Add(rows with
        {
            From = rows.Reversed ? Add(nodes, new Node(Op.IntConst, -1, -1, -1, mainFrom, 0, 0, null)) : rows.From,
            To = rows.Reversed ? rows.To : Add(nodes, new Node(Op.IntConst, -1, -1, -1, mainTo, 0, 0, null)),
            Body = new Block(rows.Body.Scope, body.ToEquatableArray()),
            Step = Rows,
        });
        if (left > 0)
        {
            int edge = Add(nodes, new Node(Op.IntConst, -1, -1, -1, rows.Reversed ? from + left : from + count - left, 0, 0, null));
            result.Add(rows.Reversed ? rows with { To = edge } : rows with { From = edge });
        }
        return result;
    }

    /// <summary>
    /// A loop over constant rows, at least <see cref="Rows"/> of them, that carries nothing and whose body is straight-line
    /// code around exactly one inner loop with constant bounds and a straight-line body: no branches, calls or accumulators,
    /// whose order the jam would change.
    /// </summary>
    private static bool IsCandidate(ForStmt rows, List<Node> nodes, out ForStmt inner)
    {
        inner = null!;
        if (rows.Call is not null || rows.Step != 1 || rows.Carried.Count > 0) return false;
        if (nodes[rows.From].Op != Op.IntConst || nodes[rows.To].Op != Op.IntConst) return false;
        if (nodes[rows.To].Value - nodes[rows.From].Value < Rows) return false;
        var loops = rows.Body.Statements.OfType<ForStmt>().ToList();
        if (loops.Count != 1) return false;
        inner = loops[0];
        if (inner.Call is not null || inner.Step != 1) return false;
        if (nodes[inner.From].Op != Op.IntConst || nodes[inner.To].Op != Op.IntConst) return false;
        bool StraightLine(Stmt s) => s is LetStmt or ArrayStoreStmt or RestoreStmt;
        return rows.Body.Statements.All(s => s is ForStmt || StraightLine(s)) && inner.Body.Statements.All(StraightLine);
    }

    /// <summary>
    /// The nodes each row computes for itself: those that read the row index, a value carried by the inner loop, or an
    /// array the loop writes (whose elements differ from row to row); the rest are computed once for all rows.
    /// </summary>
    private static HashSet<int> Varying(ForStmt rows, ForStmt inner, List<Node> nodes, HashSet<int> written)
    {
        var varying = new HashSet<int> { rows.LoopIndex };
        foreach (var value in inner.Carried) { varying.Add(value.Running); varying.Add(value.Exit); }
        IrUses.Walk(rows.Body, statement =>
        {
            switch (statement)
            {
                case LetStmt let:
                    var node = nodes[let.Node];
                    bool reads = node.Op is Op.Load or Op.AdjointLoad && written.Contains(node.Index);
                    if (reads || Enumerable.Range(0, node.Op.Arity()).Any(slot => varying.Contains(node.Arg(slot)))) varying.Add(let.Node);
                    break;
                case RestoreStmt restore:
                    if (written.Contains(restore.Array) || varying.Contains(restore.Index)) varying.Add(restore.Node);
                    break;
            }
        });
        return varying;
    }

    /// <summary>Adds a copy of every varying node defined in the body (and of the inner loop's carried values) for row offset <paramref name="c"/>.</summary>
    private static void CloneVarying(Block body, HashSet<int> varying, List<Node> nodes, Dictionary<int, int> map, int c)
    {
        void Clone(int id)
        {
            if (!varying.Contains(id) || map.ContainsKey(id)) return;
            var node = nodes[id];
            map[id] = Add(nodes, node with { A = Map(map, node.A), B = Map(map, node.B), C = Map(map, node.C), Name = CloneName(node.Name, map, c) });
        }
        IrUses.Walk(body, statement =>
        {
            if (statement is ForStmt loop) foreach (var value in loop.Carried) { Clone(value.Running); Clone(value.Exit); }
        });
        // Definitions in the order they run, so that every argument is mapped before the node that reads it.
        IrUses.Walk(body, statement =>
        {
            if (statement is LetStmt let) Clone(let.Node);
            if (statement is RestoreStmt restore) Clone(restore.Node);
        });
    }

    /// <summary>Writes a statement of the body once per row, or once for all rows when it defines a node they share.</summary>
    private static void Emit(Stmt statement, List<Dictionary<int, int>> copies, HashSet<int> varying, List<Stmt> into)
    {
        switch (statement)
        {
            case LetStmt let when !varying.Contains(let.Node):
                into.Add(let);
                return;
            case RestoreStmt restore when !varying.Contains(restore.Node):
                into.Add(restore);
                return;
        }
        foreach (var map in copies)
        {
            into.Add(statement switch
            {
                LetStmt let => new LetStmt(Map(map, let.Node)),
                RestoreStmt restore => new RestoreStmt(Map(map, restore.Node), restore.Array, Map(map, restore.Index)),
                ArrayStoreStmt store => store with { Index = Map(map, store.Index), Value = Map(map, store.Value) },
                _ => statement,
            });
        }
    }

    private static int Map(Dictionary<int, int> map, int id) => id >= 0 && map.TryGetValue(id, out int copy) ? copy : id;

    private static int Add(List<Node> nodes, Node node)
    {
        nodes.Add(node);
        return nodes.Count - 1;
    }

    /// <summary>
    /// A row's copy of a value is named after it and the row offset: sum1, sum2, sum3 beside the original sum, or sum0 ... sum3 when
    /// the original stays with the loop over the rows left over (h2_1 after a digit).
    /// </summary>
    private static string? CloneName(string? name, Dictionary<int, int> map, int c)
    {
        if (name is null) return null;
        if (NameHint.TryParse(name, out int of, out string suffix)) return NameHint.DerivedFrom(Map(map, of), null, suffix);
        return RowName(name, c);
    }

    private static string RowName(string name, int c) => name + (char.IsDigit(name[name.Length - 1]) ? "_" : "") + c.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
