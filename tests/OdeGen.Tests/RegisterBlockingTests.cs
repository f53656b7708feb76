using OdeGen.Tests.Corpus;

namespace OdeGen.Tests;

/// <summary>
/// The generator's unroll-and-jam runs the rows of a matrix-vector product four at a time; it must not change a bit. The
/// corpus MLP's generated VjpAccumulate (forward sweep jammed over its 50 hidden rows, reverse sweep over them too) is
/// compared bit for bit with the same sweeps written one row at a time, in the order the differentiator produces them.
/// </summary>
public class RegisterBlockingTests
{
    [Fact]
    public void Jammed_rows_compute_the_bits_of_the_loops_as_written()
    {
        var random = new Random(12);
        int m = 5 * Mlp.Hidden + 2;
        for (int trial = 0; trial < 20; trial++)
        {
            var y = DerivativeChecks.RandomVector(random, 2, -2, 2);
            var p = DerivativeChecks.RandomVector(random, m, -0.5, 0.5);
            var w = DerivativeChecks.RandomVector(random, 2);
            var wJy = DerivativeChecks.RandomVector(random, 2);
            var wJp = DerivativeChecks.RandomVector(random, m);
            var expectedWJy = (double[])wJy.Clone();
            var expectedWJp = (double[])wJp.Clone();
            RowByRow(y, p, w, expectedWJy, expectedWJp);

            new Mlp.RhsSystem().VjpAccumulate(0, y, p, w, Span<double>.Empty, wJy, wJp);
            DerivativeChecks.AssertBitwise(expectedWJy, wJy, "wJy");
            DerivativeChecks.AssertBitwise(expectedWJp, wJp, "wJp");
        }
    }

    /// <summary>The corpus MLP's VJP, one row per iteration, adding into wJy and wJp.</summary>
    private static void RowByRow(double[] y, double[] p, double[] w, double[] wJy, double[] wJp)
    {
        const int hidden = Mlp.Hidden;
        var cube = new double[2];
        var h = new double[hidden];
        var hBar = new double[hidden];
        var cubeBar = new double[2];
        for (int j = 0; j < 2; j++) cube[j] = y[j] * y[j] * y[j];
        for (int i = 0; i < hidden; i++)
        {
            double s = p[100 + i];
            for (int j = 0; j < 2; j++) s += p[i * 2 + j] * cube[j];
            h[i] = Math.Tanh(s);
        }
        for (int k = 1; k >= 0; k--)
        {
            double oBar = w[k];
            for (int i = hidden - 1; i >= 0; i--)
            {
                hBar[i] += p[150 + k * hidden + i] * oBar;
                wJp[150 + k * hidden + i] += h[i] * oBar;
            }
            wJp[250 + k] += oBar;
        }
        for (int i = hidden - 1; i >= 0; i--)
        {
            double sBar = (1.0 - h[i] * h[i]) * hBar[i];
            for (int j = 1; j >= 0; j--)
            {
                cubeBar[j] += p[i * 2 + j] * sBar;
                wJp[i * 2 + j] += cube[j] * sBar;
            }
            wJp[100 + i] += sBar;
        }
        for (int j = 1; j >= 0; j--)
        {
            double twice = y[j] * (y[j] * cubeBar[j]);
            wJy[j] += y[j] * y[j] * cubeBar[j] + twice + twice;
        }
    }
}
