using System.Collections.Generic;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace OdeGen.Generator.Tests.Properties;

/// <summary>
/// Random token-level damage to a valid class: a token deleted or duplicated, two identifiers swapped,
/// an identifier or literal replaced, a brace dropped, or a local renamed everywhere to a name that the
/// generator also uses for its own variables. Works on Roslyn tokens so that trivia is kept.
/// </summary>
internal sealed class SourceMutator
{
    /// <summary>Names the generated code uses or reserves; a user local with one of them must still work.</summary>
    public static readonly string[] ClashingNames =
    {
        "sum", "product", "quotient", "difference", "negated", "merged", "choice", "condition", "value", "sin", "cos", "exp",
        "vy", "vp", "vt", "jv", "w", "wJy", "wJp", "jac", "dfdt", "a0Dot", "a0Dy0", "dy0", "y0", "p0", "t0", "tDot",
        "global", "System", "OdeGen", "Rhs", "RhsSystem", "@double", "_", "JacobianYPattern", "value0", "sum1",
    };

    private static readonly string[] ReplacementIdentifiers = { "y", "p", "dy", "t", "Math", "undefinedName", "C", "Rhs", "var" };

    private readonly System.Random _random;

    public SourceMutator(System.Random random) => _random = random;

    public (string Source, string Description) Mutate(string source)
    {
        var root = CSharpSyntaxTree.ParseText(source).GetRoot();
        var method = root.DescendantNodes().OfType<MethodDeclarationSyntax>().First();
        var tokens = method.DescendantTokens().ToList();
        var identifiers = tokens.Where(t => t.IsKind(SyntaxKind.IdentifierToken)).ToList();
        switch (_random.Next(7))
        {
            case 0:
            {
                var token = tokens[_random.Next(tokens.Count)];
                return (Replace(root, token, token.LeadingTrivia.ToFullString() + token.TrailingTrivia.ToFullString()), "deleted '" + token.Text + "'");
            }
            case 1:
            {
                var token = tokens[_random.Next(tokens.Count)];
                return (Replace(root, token, token.ToFullString() + " " + token.Text), "duplicated '" + token.Text + "'");
            }
            case 2:
            {
                var a = identifiers[_random.Next(identifiers.Count)];
                var b = identifiers[_random.Next(identifiers.Count)];
                if (a.SpanStart == b.SpanStart) goto case 3;
                var text = Rebuild(root, t => t.SpanStart == a.SpanStart ? b.Text : t.SpanStart == b.SpanStart ? a.Text : null);
                return (text, "swapped '" + a.Text + "' and '" + b.Text + "'");
            }
            case 3:
            {
                var token = identifiers[_random.Next(identifiers.Count)];
                string name = ReplacementIdentifiers[_random.Next(ReplacementIdentifiers.Length)];
                return (Replace(root, token, token.LeadingTrivia.ToFullString() + name + token.TrailingTrivia.ToFullString()), "replaced '" + token.Text + "' by '" + name + "'");
            }
            case 4:
            {
                var literals = tokens.Where(t => t.IsKind(SyntaxKind.NumericLiteralToken)).ToList();
                if (literals.Count == 0) goto case 0;
                var token = literals[_random.Next(literals.Count)];
                string[] options = { "t", "y[0]", "1", "0", "int.MaxValue", "\"1\"", "null", "(1.0 / 0.0)", "1e308 * 10", "true" };
                string replacement = options[_random.Next(options.Length)];
                return (Replace(root, token, token.LeadingTrivia.ToFullString() + replacement + token.TrailingTrivia.ToFullString()), "literal '" + token.Text + "' replaced by '" + replacement + "'");
            }
            case 5:
            {
                var braces = tokens.Where(t => t.IsKind(SyntaxKind.OpenBraceToken) || t.IsKind(SyntaxKind.CloseBraceToken)).ToList();
                var token = braces[_random.Next(braces.Count)];
                return (Replace(root, token, token.LeadingTrivia.ToFullString() + token.TrailingTrivia.ToFullString()), "deleted brace at " + token.SpanStart);
            }
            default:
            {
                var locals = method.DescendantNodes().OfType<VariableDeclaratorSyntax>().Select(v => v.Identifier.Text).Distinct().ToList();
                if (locals.Count == 0) goto case 3;
                string local = locals[_random.Next(locals.Count)];
                string name = ClashingNames[_random.Next(ClashingNames.Length)];
                var text = Rebuild(root, t => t.IsKind(SyntaxKind.IdentifierToken) && t.Text == local && method.Span.Contains(t.Span) ? name : null);
                return (text, "renamed local '" + local + "' to '" + name + "'");
            }
        }
    }

    private static string Replace(SyntaxNode root, SyntaxToken token, string fullText)
    {
        var text = root.ToFullString();
        return text.Substring(0, token.FullSpan.Start) + fullText + text.Substring(token.FullSpan.End);
    }

    /// <summary>The text with some tokens' text replaced (trivia kept).</summary>
    private static string Rebuild(SyntaxNode root, System.Func<SyntaxToken, string?> replacement)
    {
        var text = new StringBuilder();
        foreach (var token in root.DescendantTokens())
        {
            string? replaced = replacement(token);
            if (replaced is null) text.Append(token.ToFullString());
            else text.Append(token.LeadingTrivia.ToFullString()).Append(replaced).Append(token.TrailingTrivia.ToFullString());
        }
        return text.ToString();
    }

    /// <summary>The lines of <paramref name="source"/> without the assignments to dy[index] (an output left unassigned).</summary>
    public static string WithoutOutput(string source, int index) =>
        string.Join("\n", source.Split('\n').Where(line => !line.TrimStart().StartsWith("dy[" + index + "] ", System.StringComparison.Ordinal)));
}
