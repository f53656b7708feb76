using OdeGen.SensitivityTests.Support;
using Xunit.Abstractions;

namespace OdeGen.SensitivityTests;

/// <summary>
/// Every method against fourth-order central differences of the loss (solved with DOP853 at 1e-13) and against the
/// other methods, at rtol = atol = 1e-10: dL/dy0, dL/dp, dL/dt0 and every dL/dt_k within 1e-6 relative
/// (1e-5 for the backsolve adjoint, whose backwards-solved y drifts).
/// </summary>
public class AgreementTests(ITestOutputHelper output)
{
    private static double Tolerance(string method) => method == "BacksolveAdjoint" ? 1e-5 : 1e-6;

    [Theory]
    [MemberData(nameof(Methods.All), MemberType = typeof(Methods))]
    public void LotkaVolterra_matches_finite_differences(string method)
    {
        var g = Problems.LotkaVolterraGradient(Methods.Create(method), new Dopri5(), 1e-10);
        Check(method, Reference.From(g), Problems.LotkaVolterraReference, Tolerance(method));
    }

    [Theory]
    [MemberData(nameof(Methods.All), MemberType = typeof(Methods))]
    public void Lorenz_matches_finite_differences(string method)
    {
        var g = Problems.LorenzGradient(Methods.Create(method), new Dopri5(), 1e-10);
        Check(method, Reference.From(g), Problems.LorenzReference, Tolerance(method));
    }

    [Theory]
    [MemberData(nameof(Methods.All), MemberType = typeof(Methods))]
    public void Time_dependent_forcing_matches_finite_differences(string method)
    {
        // t0 > 0 and ∂f/∂t ≠ 0: exercises the time adjoint a_t and dL/dt0 = -a(t0)·f(t0, y0).
        var g = Problems.OscillatorGradient(Methods.Create(method), new Dopri5(), 1e-10);
        Check(method, Reference.From(g), Problems.OscillatorReference, Tolerance(method));
    }

    [Fact]
    public void The_four_methods_agree_with_one_another()
    {
        var solver = new Dopri5();
        var reference = Reference.From(Problems.LotkaVolterraGradient(new InterpolatingAdjoint(), solver, 1e-10));
        foreach (string method in new[] { "BacksolveAdjoint", "ForwardSensitivity", "DiscreteAdjoint" })
        {
            var g = Reference.From(Problems.LotkaVolterraGradient(Methods.Create(method), solver, 1e-10));
            Check(method + " vs InterpolatingAdjoint", g, reference, Tolerance(method));
        }
    }

    private void Check(string label, Reference actual, Reference expected, double tolerance)
    {
        double err = actual.RelativeError(expected, out string worst);
        output.WriteLine($"{label}: max relative error {err:E2} ({worst})");
        Assert.True(err <= tolerance, $"{label}: relative error {err:E2} > {tolerance:E0} at {worst}");
    }
}
