using OdeGen;

namespace OdeGen.Solvers.Tests.Systems;

/// <summary>
/// Stiff problems of the Test Set for IVP Solvers (F. Mazzia, C. Magherini et al., Univ. Bari,
/// archimede.uniba.it/~testset, problem files src/problems/*.f) and of Hairer and Wanner's stiff test set (E5), written
/// as generated systems from the test set's definitions. The rate constants are the test set's; the references are in
/// <see cref="StiffTestSetReferences"/>.
/// </summary>
public static partial class StiffTestSet
{
    /// <summary>E5, chemical pyrolysis (HNW II, Sect. IV.10; test set problem "e5"), to t = 1e13. Its linear invariant is y2 - y3 - y4 = 0.</summary>
    [OdeDynamics]
    public static void E5(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> p, Span<double> dy)
    {
        const double a = 7.89e-10, b = 1.1e7, cm = 1.13e9, c = 1.13e3;
        double r1 = a * y[0], r2 = b * y[0] * y[2], r3 = cm * y[1] * y[2], r4 = c * y[3];
        // f3 = f2 - f4, as the test set writes it: the invariant's rates cancel in one rounding.
        double f2 = r1 - r3, f4 = r2 - r4;
        dy[0] = -r1 - r2;
        dy[1] = f2;
        dy[2] = f2 - f4;
        dy[3] = f4;
    }

    /// <summary>OREGO, the Oregonator (Field and Noyes 1974; test set problem "orego"), to t = 360.</summary>
    [OdeDynamics]
    public static void Orego(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> p, Span<double> dy)
    {
        dy[0] = 77.27 * (y[1] + y[0] * (1 - 8.375e-6 * y[0] - y[1]));
        dy[1] = (y[2] - (1 + y[0]) * y[1]) / 77.27;
        dy[2] = 0.161 * (y[0] - y[2]);
    }

    /// <summary>HIRES, growth and differentiation of plant tissue (Schäfer 1975; test set problem "hires"), to t = 321.8122.</summary>
    [OdeDynamics]
    public static void Hires(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> p, Span<double> dy)
    {
        dy[0] = -1.71 * y[0] + 0.43 * y[1] + 8.32 * y[2] + 0.0007;
        dy[1] = 1.71 * y[0] - 8.75 * y[1];
        dy[2] = -10.03 * y[2] + 0.43 * y[3] + 0.035 * y[4];
        dy[3] = 8.32 * y[1] + 1.71 * y[2] - 1.12 * y[3];
        dy[4] = -1.745 * y[4] + 0.43 * y[5] + 0.43 * y[6];
        dy[5] = -280 * y[5] * y[7] + 0.69 * y[3] + 1.71 * y[4] - 0.43 * y[5] + 0.69 * y[6];
        dy[6] = 280 * y[5] * y[7] - 1.81 * y[6];
        dy[7] = -280 * y[5] * y[7] + 1.81 * y[6];
    }

    /// <summary>ROBER, Robertson's reactions (HNW II, Sect. IV.1; test set problem "rober"), to t = 1e11.</summary>
    [OdeDynamics]
    public static void Rober(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> p, Span<double> dy)
    {
        dy[0] = -0.04 * y[0] + 1e4 * y[1] * y[2];
        dy[1] = 0.04 * y[0] - 1e4 * y[1] * y[2] - 3e7 * y[1] * y[1];
        dy[2] = 3e7 * y[1] * y[1];
    }

    /// <summary>POLLU, the air pollution model of the Dutch National Institute of Public Health (Verwer 1994; test set problem "pollu"), to t = 60.</summary>
    [OdeDynamics]
    public static void Pollu(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> p, Span<double> dy)
    {
        double r1 = 0.35 * y[0], r2 = 26.6 * y[1] * y[3], r3 = 1.23e4 * y[4] * y[1], r4 = 8.6e-4 * y[6], r5 = 8.2e-4 * y[6];
        double r6 = 1.5e4 * y[6] * y[5], r7 = 1.3e-4 * y[8], r8 = 2.4e4 * y[8] * y[5], r9 = 1.65e4 * y[10] * y[1], r10 = 9e3 * y[10] * y[0];
        double r11 = 2.2e-2 * y[12], r12 = 1.2e4 * y[9] * y[1], r13 = 1.88 * y[13], r14 = 1.63e4 * y[0] * y[5], r15 = 4.8e6 * y[2];
        double r16 = 3.5e-4 * y[3], r17 = 1.75e-2 * y[3], r18 = 1e8 * y[15], r19 = 4.44e11 * y[15], r20 = 1.24e3 * y[16] * y[5];
        double r21 = 2.1 * y[18], r22 = 5.78 * y[18], r23 = 4.74e-2 * y[0] * y[3], r24 = 1.78e3 * y[18] * y[0], r25 = 3.12 * y[19];
        dy[0] = -r1 - r10 - r14 - r23 - r24 + r2 + r3 + r9 + r11 + r12 + r22 + r25;
        dy[1] = -r2 - r3 - r9 - r12 + r1 + r21;
        dy[2] = -r15 + r1 + r17 + r19 + r22;
        dy[3] = -r2 - r16 - r17 - r23 + r15;
        dy[4] = -r3 + r4 + r4 + r6 + r7 + r13 + r20;
        dy[5] = -r6 - r8 - r14 - r20 + r3 + r18 + r18;
        dy[6] = -r4 - r5 - r6 + r13;
        dy[7] = r4 + r5 + r6 + r7;
        dy[8] = -r7 - r8;
        dy[9] = -r12 + r7 + r9;
        dy[10] = -r9 - r10 + r8 + r11;
        dy[11] = r9;
        dy[12] = -r11 + r10;
        dy[13] = -r13 + r12;
        dy[14] = r14;
        dy[15] = -r18 - r19 + r16;
        dy[16] = -r20;
        dy[17] = r20;
        dy[18] = -r21 - r22 - r24 + r23 + r25;
        dy[19] = -r25 + r24;
    }
}
