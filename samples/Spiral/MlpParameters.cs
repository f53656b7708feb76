using System;

namespace OdeGen.Samples.Spiral;

/// <summary>Initial values of the <see cref="SpiralMlp"/> parameter vector.</summary>
public static class MlpParameters
{
    /// <summary>
    /// The demo's initialisation: every weight drawn from N(0, 0.1²), every bias 0 (torchdiffeq's
    /// <c>nn.init.normal_(std=0.1)</c> and <c>nn.init.constant_(0)</c>).
    /// </summary>
    public static double[] Random(Random random)
    {
        var p = new double[SpiralMlp.ParameterCount];
        FillNormal(p.AsSpan(SpiralMlp.W1Offset, 2 * SpiralMlp.Hidden), 0.1, random);
        FillNormal(p.AsSpan(SpiralMlp.W2Offset, 2 * SpiralMlp.Hidden), 0.1, random);
        return p;
    }

    /// <summary>
    /// A deterministic configuration for comparing gradients and timings across implementations:
    /// <c>W1[i,j] = 0.1 sin(2i+j+1)</c>, <c>b1[i] = 0.01 cos(i)</c>, <c>W2[i,j] = 0.1 cos(50i+j+1)</c>, <c>b2 = 0</c>.
    /// </summary>
    public static double[] Fixed()
    {
        const int hidden = SpiralMlp.Hidden;
        var p = new double[SpiralMlp.ParameterCount];
        for (int i = 0; i < hidden; i++)
            for (int j = 0; j < 2; j++)
                p[SpiralMlp.W1Offset + i * 2 + j] = 0.1 * Math.Sin(2 * i + j + 1);
        for (int i = 0; i < hidden; i++)
            p[SpiralMlp.B1Offset + i] = 0.01 * Math.Cos(i);
        for (int i = 0; i < 2; i++)
            for (int j = 0; j < hidden; j++)
                p[SpiralMlp.W2Offset + i * hidden + j] = 0.1 * Math.Cos(50 * i + j + 1);
        return p;
    }

    /// <summary>Normal samples by the Box–Muller transform (System.Random has no normal sampler).</summary>
    private static void FillNormal(Span<double> values, double standardDeviation, Random random)
    {
        for (int i = 0; i < values.Length; i += 2)
        {
            double radius = standardDeviation * Math.Sqrt(-2 * Math.Log(1 - random.NextDouble()));
            double angle = 2 * Math.PI * random.NextDouble();
            values[i] = radius * Math.Cos(angle);
            if (i + 1 < values.Length) values[i + 1] = radius * Math.Sin(angle);
        }
    }
}
