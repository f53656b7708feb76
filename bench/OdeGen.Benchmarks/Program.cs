using System;
using System.Linq;
using BenchmarkDotNet.Running;

namespace OdeGen.Benchmarks;

public static class Program
{
    /// <summary>
    /// Runs the benchmarks chosen on the command line (BenchmarkSwitcher). BenchmarkDotNet itself exits 0 even when
    /// benchmarks fail, so the exit code is computed from the summaries: non-zero when any benchmark failed or none ran.
    /// <c>solver-accuracy</c> instead prints the error and work of the work-precision cases (no timing);
    /// <c>flow-iteration [N] [--parallel] [--discrete]</c> times the training iteration of torchdiffeq's cnf.py (<see cref="FlowIteration"/>);
    /// <c>train-step</c> times one training step of the spiral and of the batched 64-128-64 MLP (<see cref="TrainStep"/>);
    /// <c>stiff-adjoint [robertson|hires] [repeats]</c> times a stiff adjoint gradient with 50 observations beside bench/stiff/stiff_adjoint_cvodes.c (<see cref="StiffAdjoint"/>);
    /// <c>stiff-front [vdp|orego] [repeats]</c> measures a gradient across steep fronts, of van der Pol (mu = 1000) or the Oregonator, by every gradient method (<see cref="StiffFront"/>);
    /// <c>wide-mlp [batch ...]</c> times batched d-2d-d MLPs (d = 32, 64, 256) on lane kernels, on every core and copy by copy (<see cref="WideMlpTiming"/>).
    /// </summary>
    public static int Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "solver-accuracy")
        {
            SolverWorkPrecisionBenchmarks.PrintAccuracy(Console.Out);
            return 0;
        }
        if (args.Length > 0 && args[0] == "flow-iteration")
        {
            int iterations = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 200;
            FlowIteration.Run(Console.Out, iterations, parallel: args.Contains("--parallel"), method: args.Contains("--discrete") ? "discrete" : "interpolating");
            return 0;
        }
        if (args.Length > 0 && args[0] == "train-step")
        {
            TrainStep.Run(Console.Out);
            return 0;
        }
        if (args.Length > 0 && args[0] == "stiff-front")
        {
            string problem = args.Length > 1 && args[1] == "orego" ? "orego" : "vdp";
            var numbers = args.Skip(1).Where(a => a is not ("orego" or "vdp")).ToArray();
            StiffFront.Run(Console.Out, problem, numbers.Length > 0 ? int.Parse(numbers[0], System.Globalization.CultureInfo.InvariantCulture) : 20);
            return 0;
        }
        if (args.Length > 0 && args[0] == "stiff-adjoint")
        {
            string problem = args.Length > 1 && args[1] == "hires" ? "hires" : "robertson";
            var numbers = args.Skip(1).Where(a => a != "hires" && a != "robertson").ToArray();
            StiffAdjoint.Run(Console.Out, problem, numbers.Length > 0 ? int.Parse(numbers[0], System.Globalization.CultureInfo.InvariantCulture) : 50);
            return 0;
        }
        if (args.Length > 0 && args[0] == "wide-mlp")
        {
            var batches = args.Skip(1).Select(a => int.Parse(a, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
            WideMlpTiming.Run(Console.Out, batches.Length > 0 ? batches : new[] { 1, 16, 128, 512, 1024 });
            return 0;
        }
        var summaries = BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args).ToList();
        if (summaries.Count == 0) return 1;
        bool failed = summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Length == 0 || s.Reports.Any(r => !r.Success));
        return failed ? 1 : 0;
    }
}
