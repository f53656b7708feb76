using System.Globalization;
using System.Text;

namespace OdeGen.Generator.Tests.Properties;

/// <summary>Prints the loop family's statements and int expressions (see LoopAst.cs).</summary>
internal static partial class ProgramPrinter
{
    private static void LoopStatement(StringBuilder text, Statement statement, string indent)
    {
        switch (statement)
        {
            case For f:
                text.Append(indent).Append("for (int ").Append(f.Index).Append(" = ").Append(Int(f.From)).Append("; ")
                    .Append(f.Index).Append(f.Inclusive ? " <= " : " < ").Append(Int(f.Bound)).Append("; ").Append(f.Index).Append("++)\n");
                text.Append(indent).Append("{\n");
                Statements(text, f.Body, indent + "    ");
                text.Append(indent).Append("}\n");
                break;
            case DeclareSpan d:
                text.Append(indent).Append("Span<double> ").Append(d.Name).Append(" = stackalloc double[").Append(Number(d.Length)).Append("];\n");
                break;
            case DeclareView v:
                text.Append(indent).Append(v.Writable ? "Span<double> " : "ReadOnlySpan<double> ").Append(v.Name).Append(" = ").Append(v.Source)
                    .Append(".Slice(").Append(Number(v.Offset)).Append(", ").Append(Number(v.Length)).Append(");\n");
                break;
            case StoreElement s:
                text.Append(indent).Append(s.Span).Append('[').Append(Int(s.Index)).Append("] ").Append(s.Op).Append(' ').Append(Expression(s.Value)).Append(";\n");
                break;
            case DeclareInt d:
                text.Append(indent).Append(d.IsConst ? "const int " : "int ").Append(d.Name).Append(" = ").Append(Int(d.Value)).Append(";\n");
                break;
            case ElementWise e:
                text.Append(indent).Append("System.Numerics.Tensors.TensorPrimitives.").Append(e.Function).Append('(')
                    .Append(e.Source).Append(".Slice(").Append(Number(e.SourceOffset)).Append(", ").Append(Number(e.Length)).Append("), ")
                    .Append(e.Destination).Append(".Slice(").Append(Number(e.DestinationOffset)).Append(", ").Append(Number(e.Length)).Append("));\n");
                break;
            default:
                throw new System.ArgumentException("unknown statement " + statement);
        }
    }

    /// <summary>An int expression; every operation parenthesized, so C# precedence cannot change it.</summary>
    public static string Int(IntExpr expression) => expression switch
    {
        IntConst c => Number(c.Value),
        IntVar v => v.Name,
        IntBinary b => "(" + Int(b.Left) + " " + b.Op + " " + Int(b.Right) + ")",
        _ => throw new System.ArgumentException("unknown int expression " + expression),
    };

    private static string Number(int value) => value < 0 ? "(" + value.ToString(CultureInfo.InvariantCulture) + ")" : value.ToString(CultureInfo.InvariantCulture);
}
