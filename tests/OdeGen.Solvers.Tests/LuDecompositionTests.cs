namespace OdeGen.Solvers.Tests;

/// <summary>The in-place LU used by Rodas5P against MathNet.Numerics and by its residual.</summary>
public class LuDecompositionTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(8)]
    [InlineData(40)]
    public void Solves_random_systems(int n)
    {
        var rng = new Random(n);
        var a = new double[n * n];
        var b = new double[n];
        for (int i = 0; i < a.Length; i++) a[i] = rng.NextDouble() - 0.5;
        for (int i = 0; i < n; i++) b[i] = rng.NextDouble() - 0.5;
        var lu = (double[])a.Clone();
        var pivots = new int[n];
        Assert.True(LuDecomposition.Factor(lu, n, pivots));
        var x = (double[])b.Clone();
        LuDecomposition.Solve(lu, n, pivots, x);

        var expected = MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.Dense(n, n, (i, j) => a[i * n + j])
            .Solve(MathNet.Numerics.LinearAlgebra.Vector<double>.Build.DenseOfArray(b));
        for (int i = 0; i < n; i++) Assert.Equal(expected[i], x[i], 1e-9);
        for (int i = 0; i < n; i++)
        {
            double r = -b[i];
            for (int j = 0; j < n; j++) r += a[i * n + j] * x[j];
            Assert.True(Math.Abs(r) < 1e-12, $"residual {r}");
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(8)]
    [InlineData(40)]
    public void Solves_transposed_systems(int n)
    {
        // Aᵀ x = b from the factors of A (the reverse of a stage solve): the residual of Aᵀ and the dot-product identity
        // <A u, x> = <u, Aᵀ x> = <u, b>.
        var rng = new Random(100 + n);
        var a = new double[n * n];
        var b = new double[n];
        var u = new double[n];
        for (int i = 0; i < a.Length; i++) a[i] = rng.NextDouble() - 0.5;
        for (int i = 0; i < n; i++) { b[i] = rng.NextDouble() - 0.5; u[i] = rng.NextDouble() - 0.5; }
        var lu = (double[])a.Clone();
        var pivots = new int[n];
        Assert.True(LuDecomposition.Factor(lu, n, pivots));
        Assert.True(n < 3 || pivots.Where((p, k) => p != k).Any(), "the test matrix needs row swaps");
        var x = (double[])b.Clone();
        LuDecomposition.SolveTransposed(lu, n, pivots, x);
        for (int j = 0; j < n; j++)
        {
            double r = -b[j];
            for (int i = 0; i < n; i++) r += a[i * n + j] * x[i];
            Assert.True(Math.Abs(r) < 1e-12, $"residual {r}");
        }
        double left = 0, right = 0;
        for (int i = 0; i < n; i++)
        {
            double row = 0;
            for (int j = 0; j < n; j++) row += a[i * n + j] * u[j];
            left += row * x[i];
            right += u[i] * b[i];
        }
        Assert.Equal(right, left, 1e-12);
    }

    [Fact]
    public void Needs_pivoting()
    {
        double[] a = [0, 1, 1, 0];
        var pivots = new int[2];
        Assert.True(LuDecomposition.Factor(a, 2, pivots));
        double[] x = [2, 3];
        LuDecomposition.Solve(a, 2, pivots, x);
        Assert.Equal(new[] { 3.0, 2.0 }, x);
    }

    [Fact]
    public void Reports_a_singular_matrix()
    {
        double[] a = [1, 2, 2, 4];
        Assert.False(LuDecomposition.Factor(a, 2, new int[2]));
    }
}
