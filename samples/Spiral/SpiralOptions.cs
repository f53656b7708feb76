using System;
using System.Globalization;

namespace OdeGen.Samples.Spiral;

/// <summary>The command line of the sample.</summary>
public sealed record SpiralOptions
{
    /// <summary>Training iterations by default: about two minutes on two cores in Release (121 s measured).</summary>
    public const int DefaultIterations = 25000;

    public int Iterations { get; init; } = DefaultIterations;
    public string Method { get; init; } = "backsolve";
    public int Seed { get; init; }
    public string Output { get; init; } = "spiral.png";

    /// <summary>One gradient evaluation of the fixed configuration, printed as a JSON line, instead of training.</summary>
    public bool Fixed { get; init; }

    public const string Usage =
        "usage: Spiral [--iterations N] [--method backsolve|interpolating|discrete] [--seed N] [--out spiral.png] [--fixed]";

    /// <summary>The gradient method named by <see cref="Method"/>.</summary>
    public SensitivityMethod CreateMethod() => Method switch
    {
        "backsolve" => new BacksolveAdjoint(),
        "interpolating" => new InterpolatingAdjoint(),
        "discrete" => new DiscreteAdjoint(),
        _ => throw new ArgumentException($"Unknown method '{Method}': use backsolve, interpolating or discrete."),
    };

    /// <summary>Reads the arguments; throws <see cref="ArgumentException"/> with a message for the user.</summary>
    public static SpiralOptions Parse(string[] args)
    {
        var options = new SpiralOptions();
        for (int i = 0; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            options = args[i] switch
            {
                "--iterations" => options with { Iterations = PositiveInt("--iterations", Value()) },
                "--method" => options with { Method = Value() },
                "--seed" => options with { Seed = Int("--seed", Value()) },
                "--out" => options with { Output = Value() },
                "--fixed" => options with { Fixed = true },
                _ => throw new ArgumentException($"Unknown argument '{args[i]}'."),
            };
        }
        options.CreateMethod();
        return options;
    }

    private static int Int(string name, string text)
        => int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int value)
            ? value
            : throw new ArgumentException($"{name} takes an integer, not '{text}'.");

    private static int PositiveInt(string name, string text)
        => Int(name, text) is > 0 and var value ? value : throw new ArgumentException($"{name} must be at least 1.");
}
