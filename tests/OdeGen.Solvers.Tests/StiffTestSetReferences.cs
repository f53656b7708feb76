using OdeGen.Solvers.Tests.Systems;

namespace OdeGen.Solvers.Tests;

/// <summary>
/// The published end states of <see cref="StiffTestSet"/>'s problems: the <c>solut</c> subroutines of the Bari test set's
/// problem files (e5.f, orego.f, hires.f, rober.f, pollu.f; computed by their authors with RADAU5 in quadruple-like
/// precision, uround 1.01e-19, rtol = atol = 1.1e-18), checked against the copies in the R package deTestSet
/// (R/ex_reference.R). The absolute tolerance of each follows the size of its smallest components.
/// </summary>
public sealed record StiffTestSetReferences(double[] Y0, double T1, double[] Y1, Func<double, double> AbsoluteTolerance)
{
    public static readonly string[] Names = ["E5", "OREGO", "HIRES", "ROBER", "POLLU"];

    public static StiffTestSetReferences Get(string name) => name switch
    {
        // Hairer and Wanner's choice for E5: atol = 1.7e-24, below the size y2 and y3 reach (1e-22 at the end).
        "E5" => new([1.76e-3, 0, 0, 0], 1e13, [0.1152903278711829e-290, 0.8867655517642120e-22, 0.8854814626268838e-22, 0], _ => 1.7e-24),
        "OREGO" => new([1, 2, 3], 360, [0.1000814870318523e1, 0.1228178521549917e4, 0.1320554942846706e3], rtol => rtol),
        "HIRES" => new([1, 0, 0, 0, 0, 0, 0, 0.0057], 321.8122,
            [0.7371312573325668e-3, 0.1442485726316185e-3, 0.5888729740967575e-4, 0.1175651343283149e-2,
             0.2386356198831331e-2, 0.6238968252742796e-2, 0.2849998395185769e-2, 0.2850001604814231e-2], rtol => 1e-4 * rtol),
        // y2 falls to 8e-14: atol 1e-6 rtol keeps it resolved down to 1e-16 at rtol 1e-10.
        "ROBER" => new([1, 0, 0], 1e11, [0.2083340149701255e-7, 0.8333360770334713e-13, 0.9999999791665050], rtol => 1e-6 * rtol),
        "POLLU" => new([0, 0.2, 0, 0.04, 0, 0, 0.1, 0.3, 0.01, 0, 0, 0, 0, 0, 0, 0, 0.007, 0, 0, 0], 60,
            [0.5646255480022769e-01, 0.1342484130422339e+00, 0.4139734331099427e-08, 0.5523140207484359e-02,
             0.2018977262302196e-06, 0.1464541863493966e-06, 0.7784249118997964e-01, 0.3245075353396018e+00,
             0.7494013383880406e-02, 0.1622293157301561e-07, 0.1135863833257075e-07, 0.2230505975721359e-02,
             0.2087162882798630e-03, 0.1396921016840158e-04, 0.8964884856898295e-02, 0.4352846369330103e-17,
             0.6899219696263405e-02, 0.1007803037365946e-03, 0.1772146513969984e-05, 0.5682943292316392e-04], rtol => rtol),
        _ => throw new ArgumentException(name),
    };

    public static OdeSolution Solve(string name, double[] y0, double t1, SolverOptions options) => name switch
    {
        "E5" => Ode.Solve(new StiffTestSet.E5System(), y0, [], 0, t1, new Rodas5P(), options),
        "OREGO" => Ode.Solve(new StiffTestSet.OregoSystem(), y0, [], 0, t1, new Rodas5P(), options),
        "HIRES" => Ode.Solve(new StiffTestSet.HiresSystem(), y0, [], 0, t1, new Rodas5P(), options),
        "ROBER" => Ode.Solve(new StiffTestSet.RoberSystem(), y0, [], 0, t1, new Rodas5P(), options),
        "POLLU" => Ode.Solve(new StiffTestSet.PolluSystem(), y0, [], 0, t1, new Rodas5P(), options),
        _ => throw new ArgumentException(name),
    };
}
