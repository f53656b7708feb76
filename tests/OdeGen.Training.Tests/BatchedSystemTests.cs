using OdeGen.Training.Tests.Systems;
using static OdeGen.Training.Tests.TestData;

namespace OdeGen.Training.Tests;

/// <summary>
/// <see cref="BatchedSystem{TSystem}"/> against the inner system applied copy by copy by hand, the dot-product test
/// for its VJP, its Jacobians' blocks, its sparsity, argument checks and allocation.
/// </summary>
public class BatchedSystemTests
{
    private const int Batch = 4;

    public static TheoryData<string> Systems => new() { "Lorenz", "Pendulum", "Oscillator", "LotkaVolterra", "Linear", "TanhLayer" };

    [Theory]
    [MemberData(nameof(Systems))]
    public void MatchesTheInnerSystemAppliedPerCopy(string name)
    {
        switch (name)
        {
            case "Lorenz": CheckAgainstPerCopy(new Lorenz.RhsSystem(), 0.3); break;
            case "Pendulum": CheckAgainstPerCopy(new Pendulum.RhsSystem(), 1.7); break;
            case "Oscillator": CheckAgainstPerCopy(new Oscillator.RhsSystem(), 0.9); break;
            case "LotkaVolterra": CheckAgainstPerCopy(new LotkaVolterra.RhsSystem(), 0.0); break;
            case "Linear": CheckAgainstPerCopy(new LinearSystem(3, BatchedSystem<LinearSystem>.StackScratchLimit + 40, new Random(5)), 2.5); break;
            case "TanhLayer": CheckAgainstPerCopy(new TanhLayer.RhsSystem(), 0.4); break;
        }
    }

    [Theory]
    [MemberData(nameof(Systems))]
    public void VjpPassesTheDotProductTest(string name)
    {
        switch (name)
        {
            case "Lorenz": CheckDotProduct(new Lorenz.RhsSystem(), 0.3); break;
            case "Pendulum": CheckDotProduct(new Pendulum.RhsSystem(), 1.7); break;
            case "Oscillator": CheckDotProduct(new Oscillator.RhsSystem(), 0.9); break;
            case "LotkaVolterra": CheckDotProduct(new LotkaVolterra.RhsSystem(), 0.0); break;
            case "Linear": CheckDotProduct(new LinearSystem(3, BatchedSystem<LinearSystem>.StackScratchLimit + 40, new Random(5)), 2.5); break;
            case "TanhLayer": CheckDotProduct(new TanhLayer.RhsSystem(), 0.4); break;
        }
    }

    [Theory]
    [MemberData(nameof(Systems))]
    public void JacobiansAreTheInnerBlocks(string name)
    {
        switch (name)
        {
            case "Lorenz": CheckJacobians(new Lorenz.RhsSystem(), 0.3); break;
            case "Pendulum": CheckJacobians(new Pendulum.RhsSystem(), 1.7); break;
            case "Oscillator": CheckJacobians(new Oscillator.RhsSystem(), 0.9); break;
            case "LotkaVolterra": CheckJacobians(new LotkaVolterra.RhsSystem(), 0.0); break;
            case "Linear": CheckJacobians(new LinearSystem(5, 2, new Random(6)), 2.5); break;
            case "TanhLayer": CheckJacobians(new TanhLayer.RhsSystem(), 0.4); break;
        }
    }

    [Theory]
    [MemberData(nameof(Systems))]
    public void VjpAccumulateAddsTheVjpToWhatIsThere(string name)
    {
        switch (name)
        {
            case "Lorenz": CheckAccumulate(new Lorenz.RhsSystem(), 0.3); break;
            case "Pendulum": CheckAccumulate(new Pendulum.RhsSystem(), 1.7); break;
            case "Oscillator": CheckAccumulate(new Oscillator.RhsSystem(), 0.9); break;
            case "LotkaVolterra": CheckAccumulate(new LotkaVolterra.RhsSystem(), 0.0); break;
            case "Linear": CheckAccumulate(new LinearSystem(3, BatchedSystem<LinearSystem>.StackScratchLimit + 40, new Random(5)), 2.5); break;
            case "TanhLayer": CheckAccumulate(new TanhLayer.RhsSystem(), 0.4); break;
        }
    }

    [Fact]
    public void SizesAreTheInnerOnesTimesTheBatch()
    {
        var batched = new BatchedSystem<Lorenz.RhsSystem>(new Lorenz.RhsSystem(), 7);
        Assert.Equal(7, batched.BatchSize);
        Assert.Equal(3, batched.InnerStateSize);
        Assert.Equal(21, batched.StateSize);
        Assert.Equal(3, batched.ParameterSize);
        Assert.Equal(0, new BatchedSystem<Oscillator.RhsSystem>(new Oscillator.RhsSystem(), 3).ParameterSize);
    }

    [Fact]
    public void TheBatchedPatternIsNotBuiltUntilItIsRead()
    {
        // A million copies of Lorenz's 8 non-zeros would be 32 MB of column indices; solving never reads them.
        long before = GC.GetAllocatedBytesForCurrentThread();
        var batched = new BatchedSystem<Lorenz.RhsSystem>(new Lorenz.RhsSystem(), 1_000_000);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.True(allocated < 10_000, $"the constructor allocated {allocated} bytes");
        Assert.Equal(1_000_000L * new Lorenz.RhsSystem().JacobianYSparsity.NonZeroCount, batched.JacobianYSparsity.NonZeroCount);
    }

    [Fact]
    public void SparsityIsTheInnerPatternOnTheDiagonalComputedOnce()
    {
        var inner = new Lorenz.RhsSystem();
        var batched = new BatchedSystem<Lorenz.RhsSystem>(inner, Batch);
        var pattern = batched.JacobianYSparsity;
        Assert.Same(pattern, batched.JacobianYSparsity);
        Assert.Equal(Batch * 3, pattern.Rows);
        Assert.Equal(Batch * 3, pattern.Columns);
        Assert.Equal(Batch * inner.JacobianYSparsity.NonZeroCount, pattern.NonZeroCount);
        Assert.Equal(inner.JacobianYSparsity.BlockDiagonal(Batch).ToString(), pattern.ToString());
        for (int i = 0; i < pattern.Rows; i++)
            for (int j = 0; j < pattern.Columns; j++)
            {
                bool sameBlock = i / 3 == j / 3;
                Assert.Equal(sameBlock && inner.JacobianYSparsity.IsNonZero(i % 3, j % 3), pattern.IsNonZero(i, j));
            }
    }

    [Fact]
    public void BatchOfOneIsTheInnerSystem()
    {
        var inner = new Pendulum.RhsSystem();
        var batched = new BatchedSystem<Pendulum.RhsSystem>(inner, 1);
        var random = new Random(11);
        double[] y = RandomVector(random, 2), p = RandomVector(random, 4), w = RandomVector(random, 2);
        double[] wJy = new double[2], wJp = new double[4], innerWJy = new double[2], innerWJp = new double[4];
        double wJt = batched.Vjp(0.4, y, p, w, Span<double>.Empty, wJy, wJp);
        double innerWJt = inner.Vjp(0.4, y, p, w, Span<double>.Empty, innerWJy, innerWJp);
        Assert.Equal(innerWJt, wJt);
        Assert.Equal(innerWJy, wJy);
        Assert.Equal(innerWJp, wJp);
        Assert.Equal(inner.JacobianYSparsity.ToString(), batched.JacobianYSparsity.ToString());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    public void BatchSizeBelowOneIsRejected(int batchSize)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new BatchedSystem<Lorenz.RhsSystem>(new Lorenz.RhsSystem(), batchSize));
        Assert.Equal("batchSize", e.ParamName);
    }

    [Fact]
    public void NullInnerSystemIsRejected()
    {
        var e = Assert.Throws<ArgumentNullException>(() => new BatchedSystem<LinearSystem>(null!, 2));
        Assert.Equal("system", e.ParamName);
    }

    [Fact]
    public void WrongLengthsAreRejectedNamingTheArgument()
    {
        var batched = new BatchedSystem<Lorenz.RhsSystem>(new Lorenz.RhsSystem(), 2);
        double[] y = new double[6], p = new double[3], dy = new double[6];
        Assert.Equal("y", Assert.Throws<ArgumentException>(() => batched.Forward(0, new double[3], p, dy)).ParamName);
        Assert.Equal("p", Assert.Throws<ArgumentException>(() => batched.Forward(0, y, new double[2], dy)).ParamName);
        Assert.Equal("dy", Assert.Throws<ArgumentException>(() => batched.Forward(0, y, p, new double[7])).ParamName);
        Assert.Equal("vp", Assert.Throws<ArgumentException>(() => batched.Jvp(0, y, p, y, new double[6], 0, dy, new double[6])).ParamName);
        Assert.Equal("jv", Assert.Throws<ArgumentException>(() => batched.Jvp(0, y, p, y, p, 0, dy, new double[3])).ParamName);
        Assert.Equal("w", Assert.Throws<ArgumentException>(() => batched.Vjp(0, y, p, new double[3], dy, new double[6], new double[3])).ParamName);
        Assert.Equal("wJp", Assert.Throws<ArgumentException>(() => batched.Vjp(0, y, p, y, dy, new double[6], new double[6])).ParamName);
        Assert.Equal("jac", Assert.Throws<ArgumentException>(() => batched.JacobianY(0, y, p, new double[9])).ParamName);
        Assert.Equal("jac", Assert.Throws<ArgumentException>(() => batched.JacobianP(0, y, p, new double[9])).ParamName);
        Assert.Equal("dfdt", Assert.Throws<ArgumentException>(() => batched.TimeDerivative(0, y, p, new double[5])).ParamName);
        Assert.Throws<ArgumentOutOfRangeException>(() => batched.Copy(y.AsSpan(), 2));
    }

    [Fact]
    public void CopyIsTheSliceOfOneTrajectory()
    {
        var batched = new BatchedSystem<Lorenz.RhsSystem>(new Lorenz.RhsSystem(), 3);
        var y = Enumerable.Range(0, 9).Select(i => (double)i).ToArray();
        Assert.Equal(new double[] { 3, 4, 5 }, batched.Copy((ReadOnlySpan<double>)y, 1).ToArray());
        batched.Copy(y.AsSpan(), 2)[0] = -1;
        Assert.Equal(-1, y[6]);
    }

    [Fact]
    public void DerivativesDoNotAllocate()
    {
        var random = new Random(3);
        var small = new BatchedSystem<Lorenz.RhsSystem>(new Lorenz.RhsSystem(), 8);
        var large = new BatchedSystem<LinearSystem>(new LinearSystem(2, 600, random), 8);
        var layers = new BatchedSystem<TanhLayer.RhsSystem>(new TanhLayer.RhsSystem(), 8);
        Assert.Equal(0, AllocatedBytes(small, random));
        Assert.Equal(0, AllocatedBytes(large, random));
        Assert.Equal(0, AllocatedBytes(layers, random));
    }

    [Fact]
    public void SolvingTheBatchIsSolvingEachCopy()
    {
        // A generic fixed-step solver, as the runtime's solvers are generic over TSystem.
        var inner = new Pendulum.RhsSystem();
        var batched = new BatchedSystem<Pendulum.RhsSystem>(inner, 3);
        double[] p = { 9.81, 0.3, 1.2, 2.0 };
        double[] y0 = { 0.1, 0.0, 1.0, -0.5, 2.5, 0.2 };
        double[] batchedEnd = Rk4(batched, y0, p, 0, 2, 200);
        for (int b = 0; b < 3; b++)
        {
            double[] single = Rk4(inner, y0.AsSpan(2 * b, 2).ToArray(), p, 0, 2, 200);
            Assert.Equal(single, batchedEnd.AsSpan(2 * b, 2).ToArray());
        }
    }

    private static void CheckAgainstPerCopy<TSystem>(TSystem inner, double t) where TSystem : IOdeSystem
    {
        var random = new Random(42);
        int n = inner.StateSize, m = inner.ParameterSize, size = n * Batch;
        var batched = new BatchedSystem<TSystem>(inner, Batch);
        double[] y = RandomVector(random, size, 0.2, 1.5), p = RandomVector(random, m, 0.5, 2);
        double[] vy = RandomVector(random, size), vp = RandomVector(random, m), w = RandomVector(random, size);
        double vt = 0.7;
        // Copy by copy the batch is the inner system's arithmetic bit for bit; on lane kernels (fused multiply-adds,
        // vectorized functions over all lanes at once) it agrees to rounding.
        void Same(double[] expected, Span<double> actual, string what)
        {
            if (batched.CopiesOnLanes == 0) Assert.Equal(expected, actual.ToArray());
            else AssertClose(expected, actual.ToArray(), 1e-13, what);
        }

        double[] dy = new double[size], jv = new double[size], jvDy = new double[size], jvNoDy = new double[size];
        double[] vjpDy = new double[size], wJy = new double[size], wJp = new double[m], dfdt = new double[size];
        batched.Forward(t, y, p, dy);
        batched.Jvp(t, y, p, vy, vp, vt, jvDy, jv);
        batched.Jvp(t, y, p, vy, vp, vt, Span<double>.Empty, jvNoDy);
        Array.Fill(wJp, double.NaN); // overwritten, never accumulated into
        double wJt = batched.Vjp(t, y, p, w, vjpDy, wJy, wJp);
        batched.TimeDerivative(t, y, p, dfdt);

        double[] expectedWJp = new double[m], copyWJp = new double[m];
        double expectedWJt = 0;
        double[] f = new double[n], copyJv = new double[n], copyWJy = new double[n], copyDfdt = new double[n];
        for (int b = 0; b < Batch; b++)
        {
            var yb = y.AsSpan(b * n, n);
            inner.Forward(t, yb, p, f);
            Same(f, dy.AsSpan(b * n, n), "dy");
            Same(f, jvDy.AsSpan(b * n, n), "jvDy");
            Same(f, vjpDy.AsSpan(b * n, n), "vjpDy");

            inner.Jvp(t, yb, p, vy.AsSpan(b * n, n), vp, vt, Span<double>.Empty, copyJv);
            Same(copyJv, jv.AsSpan(b * n, n), "jv");
            Same(copyJv, jvNoDy.AsSpan(b * n, n), "jvNoDy");

            expectedWJt += inner.Vjp(t, yb, p, w.AsSpan(b * n, n), Span<double>.Empty, copyWJy, copyWJp);
            Same(copyWJy, wJy.AsSpan(b * n, n), "wJy");
            for (int k = 0; k < m; k++) expectedWJp[k] += copyWJp[k];

            inner.TimeDerivative(t, yb, p, copyDfdt);
            Same(copyDfdt, dfdt.AsSpan(b * n, n), "dfdt");
        }
        AssertClose(expectedWJp, wJp, 1e-14, "wJp summed over the batch");
        AssertClose(expectedWJt, wJt, 1e-14, "wJt summed over the batch");
    }

    /// <summary>VjpAccumulate, of the inner system and of the batch, equals what was there plus Vjp.</summary>
    private static void CheckAccumulate<TSystem>(TSystem inner, double t) where TSystem : IOdeSystem
    {
        var random = new Random(11);
        int m = inner.ParameterSize, size = inner.StateSize * Batch;
        var batched = new BatchedSystem<TSystem>(inner, Batch);
        double[] y = RandomVector(random, size, 0.2, 1.5), p = RandomVector(random, m, 0.5, 2), w = RandomVector(random, size);
        double[] wJy = new double[size], wJp = new double[m], dy = new double[size], accumulatedDy = new double[size];
        double wJt = batched.Vjp(t, y, p, w, dy, wJy, wJp);

        double[] startY = RandomVector(random, size), startP = RandomVector(random, m);
        double[] sumY = (double[])startY.Clone(), sumP = (double[])startP.Clone();
        double accumulatedWJt = batched.VjpAccumulate(t, y, p, w, accumulatedDy, sumY, sumP);
        Assert.Equal(dy, accumulatedDy);
        AssertClose(wJt, accumulatedWJt, 1e-14, "wJt");
        AssertClose(startY.Zip(wJy, (a, b) => a + b).ToArray(), sumY, 1e-14, "wJy added");
        AssertClose(startP.Zip(wJp, (a, b) => a + b).ToArray(), sumP, 1e-14, "wJp added");

        // The inner system's own, for the first copy.
        int n = inner.StateSize;
        double[] innerY = new double[n], innerP = new double[m], innerSumY = startY[..n], innerSumP = (double[])startP.Clone();
        inner.Vjp(t, y.AsSpan(0, n), p, w.AsSpan(0, n), Span<double>.Empty, innerY, innerP);
        inner.VjpAccumulate(t, y.AsSpan(0, n), p, w.AsSpan(0, n), Span<double>.Empty, innerSumY, innerSumP);
        AssertClose(startY[..n].Zip(innerY, (a, b) => a + b).ToArray(), innerSumY, 1e-14, "inner wJy added");
        AssertClose(startP.Zip(innerP, (a, b) => a + b).ToArray(), innerSumP, 1e-14, "inner wJp added");
    }

    private static void CheckDotProduct<TSystem>(TSystem inner, double t) where TSystem : IOdeSystem
    {
        var random = new Random(7);
        int m = inner.ParameterSize, size = inner.StateSize * Batch;
        var batched = new BatchedSystem<TSystem>(inner, Batch);
        double[] y = RandomVector(random, size, 0.2, 1.5), p = RandomVector(random, m, 0.5, 2);
        for (int trial = 0; trial < 5; trial++)
        {
            double[] vy = RandomVector(random, size), vp = RandomVector(random, m), w = RandomVector(random, size);
            double vt = random.NextDouble() - 0.5;
            var jv = new double[size];
            batched.Jvp(t, y, p, vy, vp, vt, Span<double>.Empty, jv);
            double[] wJy = new double[size], wJp = new double[m];
            double wJt = batched.Vjp(t, y, p, w, Span<double>.Empty, wJy, wJp);
            AssertClose(Dot(w, jv), Dot(wJy, vy) + Dot(wJp, vp) + wJt * vt, 1e-12, "<w, J v> = <J^T w, v>");
        }
    }

    private static void CheckJacobians<TSystem>(TSystem inner, double t) where TSystem : IOdeSystem
    {
        var random = new Random(9);
        int n = inner.StateSize, m = inner.ParameterSize, size = n * Batch;
        var batched = new BatchedSystem<TSystem>(inner, Batch);
        double[] y = RandomVector(random, size, 0.2, 1.5), p = RandomVector(random, m, 0.5, 2);

        var jacY = new double[size * size];
        Array.Fill(jacY, double.NaN); // every entry must be written
        batched.JacobianY(t, y, p, jacY);
        var jacP = new double[size * m];
        Array.Fill(jacP, double.NaN);
        batched.JacobianP(t, y, p, jacP);

        double[] block = new double[n * n], blockP = new double[n * m];
        for (int b = 0; b < Batch; b++)
        {
            inner.JacobianY(t, y.AsSpan(b * n, n), p, block);
            inner.JacobianP(t, y.AsSpan(b * n, n), p, blockP);
            for (int i = 0; i < n; i++)
            {
                int row = b * n + i;
                for (int j = 0; j < size; j++)
                {
                    double expected = j / n == b ? block[i * n + j % n] : 0.0;
                    Assert.True(expected.Equals(jacY[row * size + j]), $"JacobianY[{row},{j}]: expected {expected}, got {jacY[row * size + j]}");
                }
                for (int k = 0; k < m; k++) Assert.Equal(blockP[i * m + k], jacP[row * m + k]);
            }
        }

        // Columns of the batched JacobianY are batched unit JVPs: the batch as a system of its own.
        var unit = new double[size];
        var column = new double[size];
        for (int j = 0; j < size; j++)
        {
            Array.Clear(unit);
            unit[j] = 1;
            batched.Jvp(t, y, p, unit, new double[m], 0, Span<double>.Empty, column);
            for (int i = 0; i < size; i++) AssertClose(column[i], jacY[i * size + j], 1e-14, $"JacobianY[{i},{j}] against the JVP");
        }
    }

    private static long AllocatedBytes<TSystem>(BatchedSystem<TSystem> batched, Random random) where TSystem : IOdeSystem
    {
        int size = batched.StateSize, m = batched.ParameterSize;
        double[] y = RandomVector(random, size), p = RandomVector(random, m), v = RandomVector(random, size);
        double[] dy = new double[size], jv = new double[size], wJy = new double[size], wJp = new double[m];
        double[] jacY = new double[size * size], jacP = new double[size * m];
        void Run()
        {
            batched.Forward(0.5, y, p, dy);
            batched.Jvp(0.5, y, p, v, p, 1, dy, jv);
            batched.Vjp(0.5, y, p, v, dy, wJy, wJp);
            batched.Vjp(0.5, y, p, v, Span<double>.Empty, wJy, wJp);
            batched.VjpAccumulate(0.5, y, p, v, dy, wJy, wJp);
            batched.JacobianY(0.5, y, p, jacY);
            batched.JacobianP(0.5, y, p, jacP);
            batched.TimeDerivative(0.5, y, p, dy);
            _ = batched.JacobianYSparsity;
        }
        Run(); // JIT first
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 10; i++) Run();
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }

    private static double[] Rk4<TSystem>(TSystem system, double[] y0, double[] p, double t0, double t1, int steps) where TSystem : IOdeSystem
    {
        int n = system.StateSize;
        double h = (t1 - t0) / steps;
        double[] y = (double[])y0.Clone(), k1 = new double[n], k2 = new double[n], k3 = new double[n], k4 = new double[n], stage = new double[n];
        for (int s = 0; s < steps; s++)
        {
            double t = t0 + s * h;
            system.Forward(t, y, p, k1);
            for (int i = 0; i < n; i++) stage[i] = y[i] + h / 2 * k1[i];
            system.Forward(t + h / 2, stage, p, k2);
            for (int i = 0; i < n; i++) stage[i] = y[i] + h / 2 * k2[i];
            system.Forward(t + h / 2, stage, p, k3);
            for (int i = 0; i < n; i++) stage[i] = y[i] + h * k3[i];
            system.Forward(t + h, stage, p, k4);
            for (int i = 0; i < n; i++) y[i] += h / 6 * (k1[i] + 2 * k2[i] + 2 * k3[i] + k4[i]);
        }
        return y;
    }
}
