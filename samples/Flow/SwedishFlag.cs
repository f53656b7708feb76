using System;

namespace OdeGen.Samples.Flow;

/// <summary>
/// The target of the seed's figure 2: a density shaped like the Swedish flag, drawn in code. The flag is 16 × 10
/// units with a yellow Nordic cross 2 units wide, its vertical bar 5 units from the hoist (the proportions 5:2:9 and
/// 4:2:4 of the Swedish flag act, SFS 1982:269); here it spans [-3.2, 3.2] × [-2, 2]. The yellow cross is
/// <see cref="Contrast"/> times as dense as the blue fields.
/// </summary>
public static class SwedishFlag
{
    public const double Scale = 0.4;
    public const double Contrast = 12.0;
    public const double Left = -8 * Scale, Right = 8 * Scale, Bottom = -5 * Scale, Top = 5 * Scale;

    /// <summary>Whether (x, y) is on the yellow cross.</summary>
    public static bool OnCross(double x, double y)
    {
        double u = x / Scale + 8, v = y / Scale + 5;
        return (u >= 5 && u <= 7) || (v >= 4 && v <= 6);
    }

    private static double CrossArea => (2 * 10 + 2 * 16 - 2 * 2) * Scale * Scale;

    private static double FlagArea => 16 * 10 * Scale * Scale;

    /// <summary>The probability of the cross: its area weighted by the contrast.</summary>
    private static double CrossMass => Contrast * CrossArea / (Contrast * CrossArea + (FlagArea - CrossArea));

    /// <summary>The density at (x, y).</summary>
    public static double Density(double x, double y)
    {
        if (x < Left || x > Right || y < Bottom || y > Top) return 0;
        return OnCross(x, y) ? CrossMass / CrossArea : (1 - CrossMass) / (FlagArea - CrossArea);
    }

    /// <summary>The differential entropy -∫ p log p in nats: the test NLL no model can beat on average.</summary>
    public static double Entropy
    {
        get
        {
            double cross = CrossMass / CrossArea, blue = (1 - CrossMass) / (FlagArea - CrossArea);
            return -CrossMass * Math.Log(cross) - (1 - CrossMass) * Math.Log(blue);
        }
    }

    /// <summary><paramref name="count"/> points drawn from the density by rejection from the flag's rectangle.</summary>
    public static double[] Sample(int count, Random random)
    {
        var points = new double[2 * count];
        for (int n = 0; n < count;)
        {
            double x = Left + (Right - Left) * random.NextDouble(), y = Bottom + (Top - Bottom) * random.NextDouble();
            if (!OnCross(x, y) && random.NextDouble() * Contrast > 1) continue;
            points[2 * n] = x;
            points[2 * n + 1] = y;
            n++;
        }
        return points;
    }
}
