using System;
using System.Globalization;

namespace OdeGen.Samples.CubicFit;

/// <summary>The command line; the defaults are the iterations and learning rates of
/// Della Bona and Dumez (2021), sections 2.6 and 4.4.</summary>
public sealed record CubicOptions
{
    public int OdeNetIterations { get; init; } = 1500;
    public int ResNetIterations { get; init; } = 1000;
    public double OdeNetLearningRate { get; init; } = 0.005;
    public double ResNetLearningRate { get; init; } = 0.01;
    public int Seed { get; init; }
    public string Output { get; init; } = "cubicfit.png";

    public const string Usage = "usage: CubicFit [--ode-iterations N] [--resnet-iterations N] [--seed N] [--out cubicfit.png]";

    public static CubicOptions Parse(string[] args)
    {
        var options = new CubicOptions();
        for (int i = 0; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            options = args[i] switch
            {
                "--ode-iterations" => options with { OdeNetIterations = Positive(args[i], Value()) },
                "--resnet-iterations" => options with { ResNetIterations = Positive(args[i], Value()) },
                "--seed" => options with { Seed = Int(args[i], Value()) },
                "--out" => options with { Output = Value() },
                _ => throw new ArgumentException($"Unknown argument '{args[i]}'."),
            };
        }
        return options;
    }

    private static int Int(string name, string text)
        => int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int value)
            ? value
            : throw new ArgumentException($"{name} takes an integer, not '{text}'.");

    private static int Positive(string name, string text)
        => Int(name, text) is > 0 and var value ? value : throw new ArgumentException($"{name} must be at least 1.");
}
