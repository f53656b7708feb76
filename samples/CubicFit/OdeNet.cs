using System;
using System.Linq;
using OdeGen.Training;

namespace OdeGen.Samples.CubicFit;

/// <summary>
/// The ODE-Net: the input is the initial state, <c>z(0) = x</c>, and the output is <c>z(1)</c> under
/// <see cref="OdeNetDynamics"/> — the continuous-depth limit of a ResNet whose blocks share their weights. All
/// training points are one batched solve; the gradient of the MSE comes from the interpolating adjoint.
/// </summary>
public sealed class OdeNet
{
    private static readonly double[] EndTime = [1.0];
    private readonly SolverOptions _options = new() { RelTol = 1e-6, AbsTol = 1e-8 };

    public OdeNet(Random random)
    {
        Parameters = new double[OdeNetDynamics.ParameterCount];
        const int hidden = OdeNetDynamics.Hidden;
        Initialization.GlorotUniform(Parameters.AsSpan(0, hidden), fanIn: 1, fanOut: hidden, random);
        Initialization.GlorotUniform(Parameters.AsSpan(2 * hidden, hidden), fanIn: hidden, fanOut: 1, random);
    }

    public double[] Parameters { get; }

    /// <summary>Adam steps on the MSE over the training points; returns the training loss of each iteration.</summary>
    public double[] Train(CubicData data, int iterations, double learningRate)
    {
        var batch = new BatchedSystem<OdeNetDynamics.RhsSystem>(new OdeNetDynamics.RhsSystem(), data.X.Length);
        var method = new InterpolatingAdjoint();
        var result = TrainingLoop.Run(Parameters, new Adam(Parameters.Length, learningRate), (p, gradient) =>
        {
            double loss = 0;
            var g = Sensitivity.Gradient(batch, data.X, p, 0, EndTime,
                (k, t, z, dLdz) => loss = Mse.Gradient(z, data.Y, dLdz), method, new Dopri5(), _options);
            g.P.CopyTo(gradient);
            return new StepResult(loss, g.ForwardStats.Nfe, g.BackwardStats.Nfe);
        }, new TrainingOptions { MaxIterations = iterations });
        return result.History.Select(r => r.Loss).ToArray();
    }

    /// <summary><c>z(1)</c> for every input, one batched solve.</summary>
    public double[] Predict(double[] x)
    {
        var batch = new BatchedSystem<OdeNetDynamics.RhsSystem>(new OdeNetDynamics.RhsSystem(), x.Length);
        var solution = Ode.Solve(batch, x, Parameters, 0, 1, new Dopri5(),
                                 new SolverOptions { RelTol = _options.RelTol, AbsTol = _options.AbsTol, SaveAt = EndTime });
        return solution.State(0).ToArray();
    }
}
