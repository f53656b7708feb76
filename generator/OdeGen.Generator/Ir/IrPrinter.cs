using System.Globalization;
using System.Linq;
using System.Text;
using OdeGen.Generator.Model;

namespace OdeGen.Generator.Ir;

/// <summary>
/// The text of a program, one statement a line, for reading a pass's input and output and for tests: a node is
/// <c>%id</c>, a leaf is written as what it reads (<c>y[0]</c>, <c>p[3]</c>, <c>2.5</c>), an array by its name.
/// </summary>
/// <example>
/// <code>
/// %7 = Mul p[0], y[0]
/// dy[0] = %7
/// for %3 in [0, 48) step 4 carried (%4 = 0 -> %9, exit %10) {
///   ...
/// }
/// </code>
/// </example>
internal static class IrPrinter
{
    /// <summary>A program's body over its nodes and arrays (a DerivativeProgram's, or a parsed IrProgram's).</summary>
    public static string Print(EquatableArray<Node> nodes, EquatableArray<ArrayInfo> arrays, Block body)
    {
        var text = new StringBuilder();
        Block(new Program(nodes, arrays), body, "", text);
        return text.ToString();
    }

    private sealed record Program(EquatableArray<Node> Nodes, EquatableArray<ArrayInfo> Arrays);

    private static void Block(Program program, Block block, string indent, StringBuilder text)
    {
        foreach (var statement in block.Statements)
        {
            text.Append(indent);
            switch (statement)
            {
                case LetStmt let:
                    var node = program.Nodes[let.Node];
                    text.Append('%').Append(Id(let.Node)).Append(" = ").Append(node.Op);
                    if (node.Op is Op.Load or Op.AdjointLoad) text.Append(' ').Append(Array(program, node.Index)).Append('[').Append(Operand(program, node.A)).Append(']');
                    else if (node.Op.Arity() > 0) text.Append(' ').Append(string.Join(", ", Enumerable.Range(0, node.Op.Arity()).Select(slot => Operand(program, node.Arg(slot)))));
                    text.AppendLine();
                    break;
                case StoreStmt store:
                    text.Append(store.Target).Append('[').Append(Id(store.Index)).Append("] = ").AppendLine(Operand(program, store.Node));
                    break;
                case ArrayStoreStmt store:
                    text.Append(Array(program, store.Array)).Append('[').Append(Operand(program, store.Index)).Append(store.Accumulate ? "] += " : "] = ").AppendLine(Operand(program, store.Value));
                    break;
                case RestoreStmt restore:
                    text.Append('%').Append(Id(restore.Node)).Append(" = restore ").Append(Array(program, restore.Array)).Append('[').Append(Operand(program, restore.Index)).AppendLine("]");
                    break;
                case ReductionStmt reduction:
                    var call = reduction.Call;
                    text.Append('%').Append(Id(call.Value)).Append(" = TensorPrimitives.").Append(call.Function).Append('(').Append(Span(program, call.First, call.FirstOffset, call.Length));
                    if (call.Second >= 0) text.Append(", ").Append(Span(program, call.Second, call.SecondOffset, call.Length));
                    text.AppendLine(")");
                    break;
                case ForStmt loop:
                    text.Append("for %").Append(Id(loop.LoopIndex)).Append(" in [").Append(Operand(program, loop.From)).Append(", ").Append(Operand(program, loop.To)).Append(')');
                    if (loop.Reversed) text.Append(" reversed");
                    if (loop.Step != 1) text.Append(" step ").Append(Id(loop.Step));
                    if (loop.Call is { } elementWise)
                        text.Append(" call TensorPrimitives.").Append(elementWise.Function).Append('(').Append(Span(program, elementWise.Source, elementWise.SourceOffset, elementWise.Length))
                            .Append(", ").Append(Span(program, elementWise.Destination, elementWise.DestinationOffset, elementWise.Length)).Append(')');
                    if (loop.Reduction is { } sum) text.Append(" reduction ").Append(sum.Function);
                    if (loop.Carried.Count > 0)
                        text.Append(" carried (").Append(string.Join("; ", loop.Carried.Select(c => "%" + Id(c.Running) + " = " + Operand(program, c.Initial) + " -> " + Operand(program, c.Next) + ", exit %" + Id(c.Exit)))).Append(')');
                    text.AppendLine(" {");
                    Block(program, loop.Body, indent + "  ", text);
                    text.Append(indent).AppendLine("}");
                    break;
                case IfStmt branch:
                    text.Append("if ").Append(Operand(program, branch.Cond));
                    if (branch.Phis.Count > 0)
                        text.Append(" merging (").Append(string.Join("; ", branch.Phis.Select(phi => "%" + Id(phi.Phi) + " = " + Operand(program, phi.Then) + " | " + Operand(program, phi.Else)))).Append(')');
                    text.AppendLine(" {");
                    Block(program, branch.Then, indent + "  ", text);
                    text.Append(indent).AppendLine("} else {");
                    Block(program, branch.Else, indent + "  ", text);
                    text.Append(indent).AppendLine("}");
                    break;
                case AccumulatorDeclaration declaration:
                    text.Append("accumulator ").Append(declaration.Name).Append(" #").Append(Id(declaration.Accumulator)).Append(" = ").AppendLine(declaration.Initial < 0 ? "0" : Operand(program, declaration.Initial));
                    break;
                case AccumulateStmt add:
                    text.Append('#').Append(Id(add.Accumulator)).Append(" += ").AppendLine(Operand(program, add.Node));
                    break;
                case ReturnStmt ret:
                    text.Append("return ").AppendLine(Operand(program, ret.Node));
                    break;
                case ClearStmt clear:
                    text.Append("clear ").AppendLine(clear.Target.ToString());
                    break;
                case ArrayDeclarationStmt declaration:
                    text.Append("declare ").Append(Array(program, declaration.Array)).Append('[').Append(Id(program.Arrays[declaration.Array].Length)).AppendLine("]");
                    break;
                case ArrayCopyStmt copy:
                    text.Append("copy ").Append(Array(program, copy.From)).Append(" to ").AppendLine(Array(program, copy.To));
                    break;
                case ViewStmt view:
                    var info = program.Arrays[view.View];
                    text.Append("view ").Append(info.Name).Append(" = ").AppendLine(Span(program, info.ViewOf, view.Offset, info.Length));
                    break;
            }
        }
    }

    /// <summary>A leaf as what it reads; any other node as <c>%id</c>.</summary>
    private static string Operand(Program program, int id)
    {
        if (id < 0) return "_";
        var node = program.Nodes[id];
        return node.Op switch
        {
            Op.Const => node.Value.ToString("R", CultureInfo.InvariantCulture),
            Op.IntConst => Id((int)node.Value),
            Op.Time => "t",
            Op.TangentTime => "vt",
            Op.State => "y[" + Id(node.Index) + "]",
            Op.Parameter => "p[" + Id(node.Index) + "]",
            Op.TangentState => "vy[" + Id(node.Index) + "]",
            Op.TangentParameter => "vp[" + Id(node.Index) + "]",
            Op.Cotangent => "w[" + Id(node.Index) + "]",
            Op.Accumulator => "#" + Id(node.Index),
            _ => "%" + Id(id),
        };
    }

    private static string Span(Program program, int array, int offset, int length) =>
        Array(program, array) + "[" + Operand(program, offset) + " +" + Id(length) + "]";

    private static string Array(Program program, int array) => program.Arrays[array].Name;

    private static string Id(int value) => value.ToString(CultureInfo.InvariantCulture);
}
