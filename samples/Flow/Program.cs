using System;
using System.Globalization;
using System.Linq;
using OdeGen;
using OdeGen.Flows;
using OdeGen.Samples.Flow;
using Spectre.Console;

// A continuous normalizing flow (Chen et al. 2018, figure 2; FFJORD) learning a 2-D density: by default the Swedish
// flag, yellow cross dense and blue fields sparse; or points from CSV files, or a picture's brightness.
FlowOptions options;
PointData data;
try
{
    options = FlowOptions.Parse(args);
    var random = new Random(options.Seed);
    data = options.TrainFile is not null ? PointData.FromCsv(options.TrainFile, options.TestFile!)
        : options.Image is not null ? PointData.FromImage(options.Image, 50000, 5000, random)
        : PointData.Flag(50000, 5000, random);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine(e.Message);
    Console.Error.WriteLine(FlowOptions.Usage);
    return 2;
}

var p = FlowMlp.Initial(new Random(options.Seed + 1));
var flow = new ContinuousNormalizingFlow<FlowMlp.DynamicsSystem>(new FlowMlp.DynamicsSystem())
{
    Trace = options.Trace,
    Parallel = !options.Serial,
    Options = new SolverOptions { RelTol = options.Tolerance, AbsTol = options.Tolerance },
};
AnsiConsole.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"{data.Name}: {data.Train.Length / 2} training and {data.Test.Length / 2} test points"));
AnsiConsole.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"network 2-{FlowMlp.Width}-{FlowMlp.Width}-2 with t fed to each layer, {FlowMlp.ParameterCount} parameters; {options.Trace} trace"));
AnsiConsole.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"{options.Iterations} iterations of batch {options.Batch}, Adam lr {options.LearningRate}, Dopri5 rtol = atol = {options.Tolerance}, InterpolatingAdjoint"));

var history = FlowTraining.Run(flow, data, p, options);
double testNll = FlowTraining.TestNll(flow, data, p);
double gaussian = data.GaussianBaseline();

var table = new Table().AddColumns("", "test NLL (nats)");
table.AddRow("fitted Gaussian", gaussian.ToString("F4", CultureInfo.InvariantCulture));
table.AddRow("flow", testNll.ToString("F4", CultureInfo.InvariantCulture));
if (data.Entropy is { } entropy)
{
    table.AddRow("entropy (floor)", entropy.ToString("F4", CultureInfo.InvariantCulture));
    table.AddRow("gap closed", ((gaussian - testNll) / (gaussian - entropy)).ToString("P1", CultureInfo.InvariantCulture));
}
AnsiConsole.Write(table);
var last = history.Skip(Math.Max(0, history.Count - 50)).ToList();
AnsiConsole.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"{history[^1].Seconds:F1} s, {history[^1].Seconds / history.Count:F3} s per iteration; evaluations per iteration (last 50): {last.Average(s => s.ForwardEvaluations):F0} forward + {last.Average(s => s.BackwardEvaluations):F0} backward"));
FlowPlot.Save(options.Output, flow, data, p, history, new Random(options.Seed + 2));
AnsiConsole.WriteLine($"wrote {options.Output} and {System.IO.Path.ChangeExtension(options.Output, null)}-training.png");
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"test NLL {testNll:F4} nats"));
return 0;
