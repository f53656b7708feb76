using System.Linq;
using OdeGen.Generator.Model;

namespace OdeGen.Generator.Emission;

/// <summary>
/// A loop program's divergence tr(∂f/∂y) and its gradient from one JVP (one JvpVjp) per group of columns that share
/// no row of the sparsity pattern with its diagonal added: within such a group c, row j ∈ c of J s_c is ∂f_j/∂y_j
/// alone, so s_cᵀ J s_c sums the group's diagonal entries, and JvpVjp with v = w = s_c gives that sum's gradient. A
/// batch of independent points (a block-diagonal pattern) needs as many groups as one point has states.
/// </summary>
internal static class ColoredDivergence
{
    private const string ReadOnlySpan = GeneratedFile.ReadOnlySpan;
    private const string Span = GeneratedFile.Span;

    public static void Emit(CodeWriter w, EquatableArray<EquatableArray<int>> pattern, int n, int m, bool skipsLocalsInit)
    {
        var withDiagonal = Enumerable.Range(0, n)
            .Select(i => (i < pattern.Count ? pattern[i].AsImmutableArray() : System.Collections.Immutable.ImmutableArray<int>.Empty).Contains(i)
                ? pattern[i]
                : (i < pattern.Count ? pattern[i] : EquatableArray<int>.Empty).Concat(new[] { i }).OrderBy(j => j).ToEquatableArray())
            .ToEquatableArray();
        var coloring = ColumnColoring.Of(withDiagonal, n);
        string size = Literals.Int(n), groups = Literals.Int(coloring.Count);

        w.Line("/// <inheritdoc/>");
        w.Open("public double Divergence(double t, " + ReadOnlySpan + " y, " + ReadOnlySpan + " p)");
        w.Line("// Row j of the JVP along a group's seed is the diagonal entry j alone: " + groups + " JVPs for " + size + " columns.");
        Stackalloc(w, "seed", size, skipsLocalsInit);
        w.Line(Span + " column = stackalloc double[" + size + "];");
        w.Line("double divergence = 0.0;");
        w.Open("for (int color = 0; color < " + groups + "; color++)");
        Seed(w, size);
        w.Line("StateJvp(t, y, p, seed, column);");
        w.Open("for (int j = 0; j < " + size + "; j++)");
        w.Line("divergence += seed[j] * column[j];");
        w.Close();
        w.Close();
        w.Line("return divergence;");
        w.Close();
        w.Line();

        w.Line("/// <inheritdoc/>");
        w.Open("public double DivergenceGradient(double t, " + ReadOnlySpan + " y, " + ReadOnlySpan + " p, " + Span + " gy, " + Span + " gp)");
        w.Line("// The gradient of seedᵀ J seed is the JvpVjp with v = w = seed, one per group.");
        Stackalloc(w, "seed", size, skipsLocalsInit);
        w.Line(Span + " column = stackalloc double[" + size + "];");
        Stackalloc(w, "hy", size, skipsLocalsInit);
        w.Line("double[] rented = global::System.Buffers.ArrayPool<double>.Shared.Rent(" + Literals.Int(2 * m) + ");");
        w.Open("try");
        w.Line(Span + " vp = new " + Span + "(rented, 0, " + Literals.Int(m) + ");");
        w.Line(Span + " hp = new " + Span + "(rented, " + Literals.Int(m) + ", " + Literals.Int(m) + ");");
        w.Line("vp.Clear();");
        w.Line("gy.Clear();");
        w.Line("gp.Clear();");
        w.Line("double divergence = 0.0;");
        w.Open("for (int color = 0; color < " + groups + "; color++)");
        Seed(w, size);
        w.Line("JvpVjp(t, y, p, seed, vp, seed, column, hy, hp);");
        w.Open("for (int j = 0; j < " + size + "; j++)");
        w.Line("divergence += seed[j] * column[j];");
        w.Line("gy[j] += hy[j];");
        w.Close();
        w.Open("for (int k = 0; k < " + Literals.Int(m) + "; k++)");
        w.Line("gp[k] += hp[k];");
        w.Close();
        w.Close();
        w.Line("return divergence;");
        w.Close();
        w.Open("finally");
        w.Line("global::System.Buffers.ArrayPool<double>.Shared.Return(rented);");
        w.Close();
        w.Close();
        w.Line();
        SystemEmitter.IntTable(w, "DivergenceColors", "The group of each column for the divergence (the pattern with its diagonal).", coloring.Colors);
    }

    /// <summary>A scratch span, cleared when the module skips the zeroing of locals (every element is written before it is read, but the generated code keeps to one rule).</summary>
    private static void Stackalloc(CodeWriter w, string name, string size, bool skipsLocalsInit)
    {
        w.Line(Span + " " + name + " = stackalloc double[" + size + "];");
        if (skipsLocalsInit) w.Line(name + ".Clear();");
    }

    private static void Seed(CodeWriter w, string size)
    {
        w.Open("for (int j = 0; j < " + size + "; j++)");
        w.Line("seed[j] = DivergenceColors[j] == color ? 1.0 : 0.0;");
        w.Close();
    }
}
