using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using OdeGen.Samples.Spiral;
using Spectre.Console;

// The Neural ODE spiral experiment (Chen et al. 2018; torchdiffeq's examples/ode_demo.py): learn the dynamics
// dy/dt = (y³) A from windows of one trajectory with the network W2 tanh(W1 y³ + b1) + b2.
SpiralOptions options;
try
{
    options = SpiralOptions.Parse(args);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine(e.Message);
    Console.Error.WriteLine(SpiralOptions.Usage);
    return 2;
}

if (options.Fixed)
{
    Console.WriteLine(FixedGradient.ToJson(FixedGradient.Compute(options.CreateMethod())));
    return 0;
}

var data = SpiralData.Generate();
double[] p = MlpParameters.Random(new Random(options.Seed));
AnsiConsole.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"{SpiralMlp.ParameterCount} parameters, {options.Iterations} iterations, seed {options.Seed}, {options.CreateMethod().Name}"));
AnsiConsole.WriteLine($"batches of {WindowBatch.Size} windows of {WindowBatch.Length} points, RMSprop lr 1e-3, Dopri5 rtol 1e-7 atol 1e-9");

double initial = LearnedTrajectory.Loss(data, LearnedTrajectory.Predict(data, p));
AnsiConsole.WriteLine(string.Create(CultureInfo.InvariantCulture, $"trajectory loss before training {initial:F6}"));
var checkpoints = new List<(int Iteration, double Loss)> { (0, initial) };
var result = SpiralTraining.Run(data, p, options, checkpoints);

double[]? learned = LearnedTrajectory.Predict(data, p);
var losses = result.History.Select(r => r.Loss).ToList();
int tail = Math.Min(50, losses.Count);
AnsiConsole.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"batch loss: first {losses[0]:F6}, final {result.FinalLoss:F6}, mean of the last {tail} {losses.Skip(losses.Count - tail).Average():F6}"));
AnsiConsole.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"trajectory loss: initial {initial:F6}, final {LearnedTrajectory.Loss(data, learned):F6}"));
AnsiConsole.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"{result.TotalForwardEvaluations} forward + {result.TotalBackwardEvaluations} backward evaluations in {result.Elapsed.TotalSeconds:F1} s"));
SpiralPlot.Save(options.Output, data, learned, losses, checkpoints);
AnsiConsole.WriteLine($"wrote {options.Output}");
return 0;
