using System;

namespace OdeGen;

/// <summary>
/// In-place LU factorization with partial pivoting of a dense row-major <c>n x n</c> matrix, and the matching
/// solve (Golub &amp; Van Loan, Matrix Computations, 4th ed., Alg. 3.4.1 and 3.4.2). Works on caller-owned spans,
/// so a stiff solver factorizes its iteration matrix every step without allocating.
/// </summary>
internal static class LuDecomposition
{
    /// <summary>
    /// Overwrites <paramref name="a"/> with <c>L</c> (unit lower, below the diagonal) and <c>U</c>; row <c>k</c> was
    /// swapped with <c>pivots[k]</c>. Returns false when a pivot is exactly zero (singular matrix).
    /// </summary>
    public static bool Factor(Span<double> a, int n, Span<int> pivots)
    {
        for (int k = 0; k < n; k++)
        {
            int p = k;
            double max = Math.Abs(a[k * n + k]);
            for (int i = k + 1; i < n; i++)
            {
                double v = Math.Abs(a[i * n + k]);
                if (v > max) { max = v; p = i; }
            }
            pivots[k] = p;
            if (max == 0.0 || !double.IsFinite(max)) return false;
            if (p != k)
            {
                var rowK = a.Slice(k * n, n);
                var rowP = a.Slice(p * n, n);
                for (int j = 0; j < n; j++) (rowK[j], rowP[j]) = (rowP[j], rowK[j]);
            }
            double inv = 1.0 / a[k * n + k];
            for (int i = k + 1; i < n; i++)
            {
                double lik = a[i * n + k] * inv;
                a[i * n + k] = lik;
                if (lik == 0.0) continue;
                var rowI = a.Slice(i * n, n);
                var rowK = a.Slice(k * n, n);
                for (int j = k + 1; j < n; j++) rowI[j] -= lik * rowK[j];
            }
        }
        return true;
    }

    /// <summary>Solves <c>A x = b</c> in place (<paramref name="b"/> becomes <c>x</c>) from <see cref="Factor"/>'s output.</summary>
    public static void Solve(ReadOnlySpan<double> lu, int n, ReadOnlySpan<int> pivots, Span<double> b)
    {
        for (int k = 0; k < n; k++)
        {
            int p = pivots[k];
            if (p != k) (b[k], b[p]) = (b[p], b[k]);
        }
        for (int i = 1; i < n; i++)
        {
            double sum = b[i];
            var row = lu.Slice(i * n, i);
            for (int j = 0; j < i; j++) sum -= row[j] * b[j];
            b[i] = sum;
        }
        for (int i = n - 1; i >= 0; i--)
        {
            double sum = b[i];
            var row = lu.Slice(i * n, n);
            for (int j = i + 1; j < n; j++) sum -= row[j] * b[j];
            b[i] = sum / row[i];
        }
    }

    /// <summary>
    /// Solves <c>Aᵀ x = b</c> in place from <see cref="Factor"/>'s output: with <c>P A = L U</c>, <c>Aᵀ = Uᵀ Lᵀ P</c>, so
    /// a forward solve with <c>Uᵀ</c>, a backward one with the unit <c>Lᵀ</c>, and the row swaps undone in reverse order.
    /// </summary>
    public static void SolveTransposed(ReadOnlySpan<double> lu, int n, ReadOnlySpan<int> pivots, Span<double> b)
    {
        for (int i = 0; i < n; i++)
        {
            double sum = b[i];
            for (int j = 0; j < i; j++) sum -= lu[j * n + i] * b[j];
            b[i] = sum / lu[i * n + i];
        }
        for (int i = n - 1; i >= 0; i--)
        {
            double sum = b[i];
            for (int j = i + 1; j < n; j++) sum -= lu[j * n + i] * b[j];
            b[i] = sum;
        }
        for (int k = n - 1; k >= 0; k--)
        {
            int p = pivots[k];
            if (p != k) (b[k], b[p]) = (b[p], b[k]);
        }
    }
}
