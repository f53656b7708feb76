using System;

namespace OdeGen.Samples.Classifier;

/// <summary>
/// The ODE block <c>h₁ = h(1)</c>, <c>dh/dt = f(t, h, θ)</c>, <c>h(0) = h₀</c> (<see cref="OdeBlock.Dynamics"/>), solved for
/// the whole batch at once as a <see cref="BatchedSystem{TSystem}"/>. Two of Chen et al.'s rows:
/// <list type="bullet">
/// <item>RK-Net: fixed-step RK4, differentiated through its steps (<see cref="DiscreteAdjoint"/>), which keeps every
/// step's state: memory grows with the steps;</item>
/// <item>ODE-Net: Dopri5 with error control, gradient by the adjoint solved backwards (<see cref="BacksolveAdjoint"/>),
/// which keeps no trajectory: memory independent of the steps.</item>
/// </list>
/// </summary>
public sealed class OdeFeatureBlock : IFeatureBlock
{
    private readonly SensitivityMethod _method;
    private readonly IOdeSolver _solver;
    private readonly SolverOptions _options;
    private static readonly double[] End = [1.0];

    private OdeFeatureBlock(string name, SensitivityMethod method, IOdeSolver solver, SolverOptions options)
    {
        Name = name;
        _method = method;
        _solver = solver;
        _options = options;
    }

    /// <summary>RK4 with <paramref name="steps"/> equal steps over [0, 1], backpropagated through the steps.</summary>
    public static OdeFeatureBlock RkNet(int steps) =>
        new("RK-Net", new DiscreteAdjoint(), new Rk4(), new SolverOptions { FixedStep = 1.0 / steps });

    /// <summary>
    /// Dopri5 at relative and absolute tolerance <paramref name="tolerance"/> (torchdiffeq's MNIST example uses 1e-3),
    /// gradient by the backsolve adjoint at the same tolerance, its error measured on the state and adjoint only
    /// (Kidger et al. 2021's seminorm: the parameter cotangent is an integral, not fed back into the dynamics).
    /// </summary>
    public static OdeFeatureBlock OdeNet(double tolerance) =>
        new("ODE-Net", new BacksolveAdjoint { Seminorm = true }, new Dopri5(),
            new SolverOptions { RelTol = tolerance, AbsTol = tolerance });

    public string Name { get; }

    public int ParameterSize => OdeBlock.ParameterCount;

    public int TrainedParameters => OdeBlock.ParameterCount;

    public void Initialize(Span<double> p, Random random) => OdeBlockParameters.Initialize(p, random);

    public Evaluations Forward(ReadOnlySpan<double> h0, int batch, ReadOnlySpan<double> p, Span<double> h1)
    {
        var system = new BatchedSystem<OdeBlock.DynamicsSystem>(new OdeBlock.DynamicsSystem(), batch);
        var options = new SolverOptions
        {
            RelTol = _options.RelTol, AbsTol = _options.AbsTol, FixedStep = _options.FixedStep, SaveAt = End,
        };
        var solution = Ode.Solve(system, h0, p, 0, 1, _solver, options);
        solution.State(solution.Count - 1).CopyTo(h1);
        return new Evaluations(solution.Stats.Nfe, 0);
    }

    public Evaluations Gradient(ReadOnlySpan<double> h0, int batch, ReadOnlySpan<double> p, FeatureLoss loss,
                                Span<double> dLdh0, Span<double> dLdp)
    {
        var system = new BatchedSystem<OdeBlock.DynamicsSystem>(new OdeBlock.DynamicsSystem(), batch);
        var result = Sensitivity.Gradient(system, h0, p, 0, End, (k, t, y, dLdy) => loss(y, dLdy), _method, _solver, _options);
        result.Y0.CopyTo(dLdh0);
        result.P.CopyTo(dLdp);
        return new Evaluations(result.ForwardStats.Nfe, result.BackwardStats.Nfe);
    }
}
