using System.Linq;

namespace OdeGen.Generator.Tests.Properties;

/// <summary>Inputs (t, y, p), a tangent direction (vt, vy, vp) and a cotangent w for one check.</summary>
internal sealed record EvaluationPoint(double T, double[] Y, double[] P, double Vt, double[] Vy, double[] Vp, double[] W)
{
    public static EvaluationPoint Random(System.Random random, int stateSize, int parameterSize)
    {
        double[] Uniform(int n, double half) => Enumerable.Range(0, n).Select(_ => (random.NextDouble() * 2 - 1) * half).ToArray();
        return new EvaluationPoint(
            (random.NextDouble() * 2 - 1) * 2, Uniform(stateSize, 1.5), Uniform(parameterSize, 1.5),
            random.NextDouble() * 2 - 1, Uniform(stateSize, 1), Uniform(parameterSize, 1), Uniform(stateSize, 1));
    }

    /// <summary>The inputs moved by <paramref name="step"/> along the direction.</summary>
    public (double T, double[] Y, double[] P) Moved(double step) =>
        (T + step * Vt, Y.Zip(Vy, (y, v) => y + step * v).ToArray(), P.Zip(Vp, (p, v) => p + step * v).ToArray());

    public override string ToString() =>
        "t = " + R(T) + ", y = [" + string.Join(", ", Y.Select(R)) + "], p = [" + string.Join(", ", P.Select(R)) +
        "], vt = " + R(Vt) + ", vy = [" + string.Join(", ", Vy.Select(R)) + "], vp = [" + string.Join(", ", Vp.Select(R)) +
        "], w = [" + string.Join(", ", W.Select(R)) + "]";

    private static string R(double x) => x.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
}
