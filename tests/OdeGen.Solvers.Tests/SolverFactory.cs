namespace OdeGen.Solvers.Tests;

internal static class SolverFactory
{
    public static IOdeSolver Create(string name) => name switch
    {
        "Euler" => new Euler(),
        "Midpoint" => new Midpoint(),
        "Rk4" => new Rk4(),
        "Bosh3" => new Bosh3(),
        "Dopri5" => new Dopri5(),
        "Tsit5" => new Tsit5(),
        "Dop853" => new Dop853(),
        "Rodas5P" => new Rodas5P(),
        _ => throw new ArgumentException(name),
    };
}
