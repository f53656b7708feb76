using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using OdeGen.Data;
using OdeGen.Samples.Classifier;
using Spectre.Console;

// Chen et al. (2018), section 7.1 and table 1: a ResNet, an RK-Net and an ODE-Net with the same downsampling stage
// and head, on Fashion-MNIST (Xiao et al. 2017; MNIST's drop-in replacement) or any MNIST-format set (--data).
ClassifierOptions options;
try
{
    options = ClassifierOptions.Parse(args);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine(e.Message);
    Console.Error.WriteLine(ClassifierOptions.Usage);
    return 2;
}

if (!MnistFolder.Contains(options.Data))
{
    Console.Error.WriteLine($"No MNIST-format data in {options.Data}: it needs train-images-idx3-ubyte, train-labels-idx1-ubyte, " +
                            "t10k-images-idx3-ubyte and t10k-labels-idx1-ubyte (each .gz or not).");
    Console.Error.WriteLine(options.Data == ClassifierOptions.DefaultData
        ? "Install Fashion-MNIST with `sudo apt-get install dataset-fashion-mnist`, or point --data DIR at a folder with the files."
        : "Point --data DIR at a folder with the files (Fashion-MNIST: `sudo apt-get install dataset-fashion-mnist`).");
    return 3;
}

LabeledImages train, test;
try
{
    (train, test) = MnistFolder.Load(options.Data);
}
catch (Exception e) when (e is InvalidDataException or FileNotFoundException)
{
    Console.Error.WriteLine(e.Message);
    return 3;
}
if (train.Rows != Architecture.ImageSide || train.Columns != Architecture.ImageSide)
{
    Console.Error.WriteLine($"{options.Data}: the images are {train.Rows} x {train.Columns}; the models take {Architecture.ImageSide} x {Architecture.ImageSide}.");
    return 3;
}
if (train.Classes > Architecture.Classes || test.Classes > Architecture.Classes)
{
    Console.Error.WriteLine($"{options.Data}: labels go up to {Math.Max(train.Classes, test.Classes) - 1}; the head has {Architecture.Classes} classes.");
    return 3;
}
train = train.Take(options.TrainSize);
test = test.Take(options.TestSize);

AnsiConsole.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"{train.Count} training and {test.Count} test images from {options.Data}; width {Architecture.Channels}, {options.Epochs} epochs, " +
    $"batch {options.BatchSize}, SGD lr {options.LearningRate} ({options.Schedule}) momentum {options.Momentum}, {options.Threads} threads"));

var blocks = new Dictionary<string, IFeatureBlock>
{
    ["ResNet"] = new ResidualStack(options.Depth),
    ["RK-Net"] = OdeFeatureBlock.RkNet(options.RkSteps),
    ["ODE-Net"] = OdeFeatureBlock.OdeNet(options.Tolerance),
};
var runs = new List<ModelRun>();
foreach (string name in blocks.Keys.Where(options.Models.Contains))
{
    var model = new ImageClassifier(blocks[name], options.Threads);
    runs.Add(ClassifierTraining.Run(model, train, test, options));
}

AnsiConsole.WriteLine();
Console.WriteLine("| model | test error % | parameters | peak memory MB | train time s |");
Console.WriteLine("|---|---|---|---|---|");
foreach (var run in runs)
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"| {run.Name} | {(run.Failure is null ? run.FinalTestError.ToString("F2", CultureInfo.InvariantCulture) : "failed")} | {run.Parameters} | {run.PeakMemoryMegabytes:F1} | {run.TrainSeconds:F1} |"));
AnsiConsole.WriteLine();

foreach (var run in runs.Where(r => r.Failure is not null)) AnsiConsole.WriteLine($"{run.Name} failed: {run.Failure}");
var odeNet = runs.FirstOrDefault(r => r.Name == "ODE-Net" && r.BatchEvaluations.Count > 0);
if (odeNet is not null)
{
    var evaluations = odeNet.BatchEvaluations;
    var last = evaluations.Skip(Math.Max(0, evaluations.Count - 10)).ToList();
    AnsiConsole.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"ODE-Net function evaluations per pass: forward {evaluations.Average(e => e.Forward):F1}, backward {evaluations.Average(e => e.Backward):F1} " +
        $"(mean over training; last {last.Count} batches {last.Average(e => e.Forward):F1} and {last.Average(e => e.Backward):F1}; test forward {odeNet.TestForwardEvaluations:F1})"));
}

Directory.CreateDirectory(options.Output);
string errorPng = Path.Combine(options.Output, "classifier-test-error.png");
ClassifierPlot.SaveTestError(errorPng, runs);
AnsiConsole.WriteLine($"wrote {errorPng}");
if (odeNet is not null)
{
    string nfePng = Path.Combine(options.Output, "classifier-odenet-evaluations.png");
    ClassifierPlot.SaveEvaluations(nfePng, odeNet);
    AnsiConsole.WriteLine($"wrote {nfePng}");
}
return runs.Any(r => r.Failure is not null) ? 1 : 0;
