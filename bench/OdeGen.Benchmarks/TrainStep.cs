using System.Diagnostics;
using System.IO;
using OdeGen.Training;

namespace OdeGen.Benchmarks;

/// <summary>
/// One training step (forward solve, adjoint gradient, Adam update) beside bench/train/train_step_torchdiffeq.py:
/// the spiral of torchdiffeq's ode_demo.py (<see cref="SpiralFixedCase"/>: 20 windows of 10 points, Dopri5 at rtol
/// 1e-7, atol 1e-9) and the issue's batched step (the 64-128-64 <see cref="WideMlp"/> on 128 states from t = 0 to 1,
/// mean squared error against fixed targets, Dopri5 at rtol = atol = 1e-5, on one thread and on every core). Prints the
/// median of 30 steps after a second of warm-up, and the evaluations of the forward and backward passes. Every step starts
/// from the same weights (the update is made, timed, and undone), so that all steps solve the same problem, as in the Python
/// script.
/// </summary>
public static class TrainStep
{
    public static void Run(TextWriter output)
    {
        output.WriteLine("| case | method | step | evaluations forward + backward | loss |");
        output.WriteLine("|---|---|---:|---:|---:|");
        var spiral = new SpiralFixedCase();
        foreach (var method in new SensitivityMethod[] { new InterpolatingAdjoint(), new BacksolveAdjoint(), new DiscreteAdjoint() })
        {
            var p = (double[])spiral.P.Clone();
            var adam = new Adam(p.Length, learningRate: 1e-3);
            Measure(output, "spiral", "OdeGen " + method.Name, () =>
            {
                spiral.P.CopyTo(p);
                var gradient = Sensitivity.Gradient(spiral.System, spiral.Y0, p, 0.0, spiral.Times, spiral.Loss, method, new Dopri5(), spiral.Options);
                adam.Step(p, gradient.P);
                return gradient;
            });
        }
        Wide(output, 1);
        if (Environment.ProcessorCount > 1) Wide(output, Environment.ProcessorCount);
    }

    private static void Wide(TextWriter output, int threads)
    {
        const int batch = 128, n = WideMlp.States;
        var random = new Random(0);
        var y0 = new double[batch * n];
        var targets = new double[batch * n];
        for (int i = 0; i < y0.Length; i++) { y0[i] = Gaussian(random); targets[i] = Gaussian(random); }
        var initial = InitialWeights(random);
        var p = (double[])initial.Clone();
        var system = new BatchedSystem<WideMlp.RhsSystem>(new WideMlp.RhsSystem(), batch, new BatchOptions { MaxThreads = threads });
        var options = new SolverOptions { RelTol = 1e-5, AbsTol = 1e-5 };
        var adam = new Adam(p.Length, learningRate: 1e-3);
        double[] times = [0.0, 1.0];
        double loss = 0;
        void MeanSquaredError(int k, double t, ReadOnlySpan<double> y, Span<double> dLdy)
        {
            if (k == 0) { dLdy.Clear(); return; }
            loss = 0;
            for (int i = 0; i < y.Length; i++)
            {
                double d = y[i] - targets[i];
                loss += d * d / y.Length;
                dLdy[i] = 2 * d / y.Length;
            }
        }
        Measure(output, "wide", $"OdeGen InterpolatingAdjoint, {threads} thread{(threads > 1 ? "s" : "")}", () =>
        {
            initial.CopyTo(p);
            var gradient = Sensitivity.Gradient(system, y0, p, 0.0, times, MeanSquaredError, new InterpolatingAdjoint(), new Dopri5(), options);
            adam.Step(p, gradient.P);
            return gradient;
        }, () => loss);
    }

    /// <summary>PyTorch's default for nn.Linear: weights and biases uniform in ±1/sqrt(fan-in).</summary>
    private static double[] InitialWeights(Random random)
    {
        const int n = WideMlp.States, h = WideMlp.Hidden;
        var p = new double[WideMlp.Parameters];
        double first = 1 / Math.Sqrt(n), second = 1 / Math.Sqrt(h);
        for (int k = 0; k < h * n + h; k++) p[k] = first * (2 * random.NextDouble() - 1);
        for (int k = h * n + h; k < p.Length; k++) p[k] = second * (2 * random.NextDouble() - 1);
        return p;
    }

    private static double Gaussian(Random random) => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    private static void Measure(TextWriter output, string name, string method, Func<GradientResult> step, Func<double>? loss = null)
    {
        // At least a second of warm-up, so that the JIT's tier-1 code (compiled in the background) is the code timed.
        var warm = Stopwatch.StartNew();
        for (int i = 0; i < 5 || warm.Elapsed.TotalSeconds < 1; i++) step();
        var seconds = new double[30];
        GradientResult last = null!;
        for (int i = 0; i < seconds.Length; i++)
        {
            var clock = Stopwatch.StartNew();
            last = step();
            seconds[i] = clock.Elapsed.TotalSeconds;
        }
        Array.Sort(seconds);
        string lossText = loss is null ? "" : FormattableString.Invariant($"{loss():G4}");
        output.WriteLine(FormattableString.Invariant(
            $"| {name} | {method} | {seconds[seconds.Length / 2] * 1e3:F2} ms | {last.ForwardStats.Nfe} + {last.BackwardStats.Nfe} | {lossText} |"));
    }
}
