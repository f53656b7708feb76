using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace OdeGen.Generator.Tests.Properties;

/// <summary>
/// Prints a <see cref="DynamicsProgram"/> as C#. Every binary operation is parenthesized and every
/// number has a decimal point, so that C# precedence and int division never change what the
/// interpreter computes.
/// </summary>
internal static partial class ProgramPrinter
{
    public const string MethodName = "Rhs";

    /// <summary>The class <paramref name="className"/> holding the method, as a compilation unit member.</summary>
    public static string Class(DynamicsProgram program, string className)
    {
        var text = new StringBuilder();
        text.Append("// seed ").Append(program.Seed.ToString(CultureInfo.InvariantCulture)).Append('\n');
        text.Append("public static partial class ").Append(className).Append('\n');
        text.Append("{\n");
        text.Append(Method(program, "    "));
        text.Append("}\n");
        return text.ToString();
    }

    public static string Method(DynamicsProgram program, string indent)
    {
        var text = new StringBuilder();
        text.Append(indent).Append(!program.SizesOnAttribute ? "[OdeDynamics]\n"
            : program.HasParameters ? "[OdeDynamics(StateSize = " + program.StateSize + ", ParameterSize = " + program.ParameterSize + ")]\n"
            : "[OdeDynamics(StateSize = " + program.StateSize + ")]\n");
        text.Append(indent).Append("public static void ").Append(MethodName).Append(program.HasParameters
            ? "(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> p, Span<double> dy)\n"
            : "(double t, ReadOnlySpan<double> y, Span<double> dy)\n");
        text.Append(indent).Append("{\n");
        Statements(text, program.Body, indent + "    ");
        text.Append(indent).Append("}\n");
        return text.ToString();
    }

    private static void Statements(StringBuilder text, IEnumerable<Statement> statements, string indent)
    {
        foreach (var statement in statements) Statement(text, statement, indent);
    }

    private static void Statement(StringBuilder text, Statement statement, string indent)
    {
        switch (statement)
        {
            case DeclareLocal { Value: null } d:
                text.Append(indent).Append("double ").Append(d.Name).Append(";\n");
                break;
            case DeclareLocal d:
                text.Append(indent).Append(d.IsConst ? "const double " : "double ").Append(d.Name).Append(" = ").Append(Expression(d.Value!)).Append(";\n");
                break;
            case DeclareIndex d:
                text.Append(indent).Append("const int ").Append(d.Name).Append(" = ").Append(d.Value.ToString(CultureInfo.InvariantCulture)).Append(";\n");
                break;
            case AssignLocal a:
                text.Append(indent).Append(a.Name).Append(' ').Append(a.Op).Append(' ').Append(Expression(a.Value)).Append(";\n");
                break;
            case AssignOutput a:
                text.Append(indent).Append("dy[").Append(a.Index).Append("] ").Append(a.Op).Append(' ').Append(Expression(a.Value)).Append(";\n");
                break;
            case IfElse i:
                text.Append(indent).Append("if (").Append(Condition(i.Test)).Append(")\n");
                text.Append(indent).Append("{\n");
                Statements(text, i.Then, indent + "    ");
                text.Append(indent).Append("}\n");
                if (i.Else.Count > 0)
                {
                    text.Append(indent).Append("else\n");
                    text.Append(indent).Append("{\n");
                    Statements(text, i.Else, indent + "    ");
                    text.Append(indent).Append("}\n");
                }
                break;
            default:
                LoopStatement(text, statement, indent);
                break;
        }
    }

    public static string Expression(Expr expression) => expression switch
    {
        Number n => Literal(n.Value),
        TimeRef => "t",
        StateRef s => "y[" + (s.IndexName ?? s.Index.ToString(CultureInfo.InvariantCulture)) + "]",
        ParameterRef r => "p[" + r.Index.ToString(CultureInfo.InvariantCulture) + "]",
        OutputRef o => "dy[" + o.Index.ToString(CultureInfo.InvariantCulture) + "]",
        LocalRef l => l.Name,
        Negate n => "(-" + Expression(n.Operand) + ")",
        Binary b => "(" + Expression(b.Left) + " " + b.Op + " " + Expression(b.Right) + ")",
        // Math.Sign returns int; without the cast 'Math.Sign(x) / 2' would be an int division, which the
        // generator differentiates as a double one (bug: Jvp's dy is Sign(x) / 2.0, Forward's is 0).
        MathCall { Function: "Sign" } c => "((double)Math.Sign(" + Expression(c.Arguments[0]) + "))",
        MathCall c => "Math." + c.Function + "(" + string.Join(", ", c.Arguments.Select(Expression)) + ")",
        Conditional c => "(" + Condition(c.Test) + " ? " + Expression(c.WhenTrue) + " : " + Expression(c.WhenFalse) + ")",
        ElementRef e => e.Span + "[" + Int(e.Index) + "]",
        IndexValue v => "((double)" + Int(v.Index) + ")",
        _ => throw new System.ArgumentException("unknown expression " + expression),
    };

    private static string Condition(Condition condition) => condition switch
    {
        Comparison c => Expression(c.Left) + " " + c.Op + " " + Expression(c.Right),
        Logical l => "(" + Condition(l.Left) + ") " + l.Op + " (" + Condition(l.Right) + ")",
        Not n => "!(" + Condition(n.Operand) + ")",
        IntComparison c => Int(c.Left) + " " + c.Op + " " + Int(c.Right),
        _ => throw new System.ArgumentException("unknown condition " + condition),
    };

    /// <summary>A double literal that round-trips and always reads as a double (never an int).</summary>
    private static string Literal(double value)
    {
        string text = value.ToString("R", CultureInfo.InvariantCulture);
        if (!text.Contains('.') && !text.Contains('E')) text += ".0";
        // Negative literals, -0.0 included, in parentheses: '-' before '-0.0' would read as a decrement.
        return text.StartsWith("-", System.StringComparison.Ordinal) ? "(" + text + ")" : text;
    }
}
