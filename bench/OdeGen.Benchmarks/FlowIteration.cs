using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using OdeGen.Flows;
using OdeGen.Training;

namespace OdeGen.Benchmarks;

/// <summary>
/// The training iteration of torchdiffeq's examples/cnf.py in OdeGen: its hypernetwork model (<see cref="CnfHyperNetwork"/>),
/// 512 points of two noisy circles per iteration (sklearn's make_circles, noise 0.06, factor 0.5), base N(0, 0.1 I),
/// exact trace, Dopri5 at rtol = atol = 1e-5 over t ∈ [0, 10], Adam at 1e-3. Prints the mean time, loss and evaluations
/// of iterations 11 to N (the first ten warm the JIT), as cnf.py's timing script does for torchdiffeq.
/// </summary>
public static class FlowIteration
{
    public static void Run(TextWriter output, int iterations, bool parallel, string method)
    {
        var random = new Random(0);
        var p = Initial(random);
        var flow = new ContinuousNormalizingFlow<CnfHyperNetwork.DynamicsSystem>(new CnfHyperNetwork.DynamicsSystem(), endTime: 10.0)
        {
            BaseStandardDeviation = Math.Sqrt(0.1),
            Options = new SolverOptions { RelTol = 1e-5, AbsTol = 1e-5 },
            Method = method == "discrete" ? new DiscreteAdjoint() : new InterpolatingAdjoint(),
            Parallel = parallel,
        };
        var adam = new Adam(p.Length, learningRate: 1e-3);
        double seconds = 0, loss = 0;
        long forward = 0, backward = 0;
        int measured = 0;
        for (int iteration = 1; iteration <= iterations; iteration++)
        {
            var points = Circles(CnfHyperNetwork.Points, random);
            var clock = Stopwatch.StartNew();
            var result = flow.NegativeLogLikelihood(points, p);
            // The flow sees the batch as one point of 1024 numbers: its NLL is the sum over the 512 points.
            var gradient = result.Gradient.Select(g => g / CnfHyperNetwork.Points).ToArray();
            adam.Step(p, gradient);
            clock.Stop();
            if (iteration <= 10) continue;
            measured++;
            seconds += clock.Elapsed.TotalSeconds;
            loss = result.Value / CnfHyperNetwork.Points;
            forward += result.ForwardStats.Nfe;
            backward += result.BackwardStats.Nfe;
        }
        output.WriteLine(FormattableString.Invariant(
            $"odegen cnf: {seconds / measured:F4} s per iteration (iterations 11-{iterations}), nfe {forward / (double)measured:F1}+{backward / (double)measured:F1}, last loss {loss:F4}, {flow.Method.Name}, {(parallel ? "2 cores" : "1 core")}"));
    }

    /// <summary>Two concentric circles of radii 1 and 0.5 with N(0, 0.06²) noise (after sklearn.datasets.make_circles).</summary>
    public static double[] Circles(int count, Random random)
    {
        var points = new double[2 * count];
        int outer = count / 2;
        for (int k = 0; k < count; k++)
        {
            bool isOuter = k < outer;
            int n = isOuter ? outer : count - outer, index = isOuter ? k : k - outer;
            double angle = 2 * Math.PI * index / n, radius = isOuter ? 1.0 : 0.5;
            points[2 * k] = radius * Math.Cos(angle) + 0.06 * FlowSystem<CnfHyperNetwork.DynamicsSystem>.Gaussian(random);
            points[2 * k + 1] = radius * Math.Sin(angle) + 0.06 * FlowSystem<CnfHyperNetwork.DynamicsSystem>.Gaussian(random);
        }
        return points;
    }

    /// <summary>PyTorch's nn.Linear default: uniform in ±1/√fan_in for weights and biases.</summary>
    private static double[] Initial(Random random)
    {
        var p = new double[CnfHyperNetwork.ParameterCount];
        void Fill(int offset, int count, int fanIn)
        {
            double bound = 1 / Math.Sqrt(fanIn);
            for (int i = 0; i < count; i++) p[offset + i] = bound * (2 * random.NextDouble() - 1);
        }
        Fill(CnfHyperNetwork.Fc1W, 2 * CnfHyperNetwork.Hidden, 1);
        Fill(CnfHyperNetwork.Fc2W, CnfHyperNetwork.Hidden * (CnfHyperNetwork.Hidden + 1), CnfHyperNetwork.Hidden);
        Fill(CnfHyperNetwork.Fc3W, CnfHyperNetwork.Output * (CnfHyperNetwork.Hidden + 1), CnfHyperNetwork.Hidden);
        return p;
    }
}
