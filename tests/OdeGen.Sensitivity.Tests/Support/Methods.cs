namespace OdeGen.SensitivityTests.Support;

public static class Methods
{
    public static TheoryData<string> All => new() { "BacksolveAdjoint", "InterpolatingAdjoint", "ForwardSensitivity", "DiscreteAdjoint" };

    public static SensitivityMethod Create(string name) => name switch
    {
        "BacksolveAdjoint" => new BacksolveAdjoint(),
        "InterpolatingAdjoint" => new InterpolatingAdjoint(),
        "ForwardSensitivity" => new ForwardSensitivity(),
        "DiscreteAdjoint" => new DiscreteAdjoint(),
        _ => throw new ArgumentException(name),
    };

    public static IOdeSolver Solver(string name) => name switch
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
