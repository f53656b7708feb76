using System;
using System.Globalization;
using OdeGen.Flows;

namespace OdeGen.Samples.Flow;

/// <summary>The command line of the sample.</summary>
public sealed record FlowOptions
{
    public int Iterations { get; init; } = 10000;
    public int Batch { get; init; } = 256;
    public double Tolerance { get; init; } = 1e-5;
    public double LearningRate { get; init; } = 3e-3;
    public TraceEstimator Trace { get; init; } = TraceEstimator.Hutchinson;
    public string? TrainFile { get; init; }
    public string? TestFile { get; init; }
    public string? Image { get; init; }
    public int Seed { get; init; }
    public string Output { get; init; } = "flow.png";

    /// <summary>Whether the batch runs on one core instead of all (the results are the same bits).</summary>
    public bool Serial { get; init; }

    public static readonly string Usage =
        "usage: Flow [--train FILE --test FILE | --image FILE.png] [--trace exact|hutchinson] [--iterations N] [--batch N]\n" +
        "            [--tol X] [--lr X] [--width N] [--seed N] [--out flow.png] [--serial]\n" +
        "  CSV files hold one 'x,y' point per line, no header. The network has " + FlowMlp.Width + " units per layer, a compile-time\n" +
        "  size: another width is built with dotnet run --project samples/Flow -c Release -p:FlowWidth=N.";

    public static FlowOptions Parse(string[] args)
    {
        var options = new FlowOptions();
        for (int i = 0; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            options = args[i] switch
            {
                "--train" => options with { TrainFile = Value() },
                "--test" => options with { TestFile = Value() },
                "--image" => options with { Image = Value() },
                "--trace" => options with { Trace = Value() switch
                {
                    "exact" => TraceEstimator.Exact,
                    "hutchinson" => TraceEstimator.Hutchinson,
                    var other => throw new ArgumentException($"Unknown trace '{other}': use exact or hutchinson."),
                } },
                "--iterations" => options with { Iterations = Positive("--iterations", Value()) },
                "--batch" => options with { Batch = Positive("--batch", Value()) },
                "--tol" => options with { Tolerance = PositiveReal("--tol", Value()) },
                "--lr" => options with { LearningRate = PositiveReal("--lr", Value()) },
                "--seed" => options with { Seed = int.TryParse(Value(), NumberStyles.Integer, CultureInfo.InvariantCulture, out int seed) ? seed : throw new ArgumentException("--seed takes an integer.") },
                "--out" => options with { Output = Value() },
                "--serial" => options with { Serial = true },
                "--width" => Positive("--width", Value()) is var width && width == FlowMlp.Width
                    ? options
                    : throw new ArgumentException($"This build's network has {FlowMlp.Width} units per layer, a compile-time size (the generator " +
                        $"differentiates it for that size): run dotnet run --project samples/Flow -c Release -p:FlowWidth={args[i]} -- … for {args[i]}."),
                _ => throw new ArgumentException($"Unknown argument '{args[i]}'."),
            };
        }
        if ((options.TrainFile is null) != (options.TestFile is null))
            throw new ArgumentException("--train and --test go together: give both CSV files.");
        if (options.TrainFile is not null && options.Image is not null)
            throw new ArgumentException("Give either --train/--test or --image, not both.");
        return options;
    }

    private static int Positive(string name, string text)
        => int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int value) && value > 0
            ? value
            : throw new ArgumentException($"{name} takes a positive integer, not '{text}'.");

    private static double PositiveReal(string name, string text)
        => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) && value > 0 && double.IsFinite(value)
            ? value
            : throw new ArgumentException($"{name} takes a positive number, not '{text}'.");
}
