using System;
using System.Globalization;
using OdeGen.Training;

namespace OdeGen.Samples.Classifier;

/// <summary>The command line of the sample.</summary>
public sealed record ClassifierOptions
{
    /// <summary>Where the Debian package dataset-fashion-mnist installs the data.</summary>
    public const string DefaultData = "/usr/share/datasets/fashion-mnist";

    public string Data { get; init; } = DefaultData;
    public int Epochs { get; init; } = 6;
    public int TrainSize { get; init; } = 60000;
    public int TestSize { get; init; } = 10000;
    public int BatchSize { get; init; } = 128;
    public double LearningRate { get; init; } = 0.05;
    public double Momentum { get; init; } = 0.9;
    public string Schedule { get; init; } = "cosine";
    public int Depth { get; init; } = 6;

    /// <summary>Largest gradient norm (<see cref="GradientClipping"/>); without a normalization layer a steep batch can otherwise throw the weights off.</summary>
    public double Clip { get; init; } = 2.0;
    public int RkSteps { get; init; } = 4;
    public double Tolerance { get; init; } = 1e-3;
    public int Threads { get; init; } = Environment.ProcessorCount;
    public int Seed { get; init; }
    public string Output { get; init; } = ".";

    /// <summary>Only these models (by table name), all three by default.</summary>
    public string[] Models { get; init; } = ["ResNet", "RK-Net", "ODE-Net"];

    public const string Usage =
        "usage: Classifier [--data DIR] [--epochs N] [--train-size N] [--test-size N] [--batch N] [--lr X] [--momentum X]\n" +
        "                  [--schedule cosine|step|constant] [--clip X] [--depth N] [--rk-steps N] [--tol X] [--threads N] [--seed N]\n" +
        "                  [--width N] [--models ResNet,RK-Net,ODE-Net] [--out DIR] [--full]\n" +
        "  --full: the report's setup, all 60000 training images, 20 epochs, step decay (Chen et al.'s proportions)";

    /// <summary>
    /// The learning rate per epoch: cosine annealing to zero over the run by default; <c>step</c> divides by 10 at
    /// 3/8, 5/8 and 7/8 of the epochs (Chen et al.'s 60, 100, 140 of 160).
    /// </summary>
    public LearningRateSchedule CreateSchedule() => Schedule switch
    {
        "cosine" => new CosineAnnealing(LearningRate, Epochs),
        "constant" => new ConstantLearningRate(LearningRate),
        "step" => new StepDecay(LearningRate, Milestones(Epochs)),
        _ => throw new ArgumentException($"Unknown schedule '{Schedule}': use cosine, step or constant."),
    };

    private static int[] Milestones(int epochs)
    {
        var milestones = new System.Collections.Generic.List<int>();
        foreach (int eighths in new[] { 3, 5, 7 })
        {
            int m = Math.Max(1, epochs * eighths / 8);
            if (m < epochs && (milestones.Count == 0 || m > milestones[^1])) milestones.Add(m);
        }
        return milestones.ToArray();
    }

    /// <summary>Reads the arguments; throws <see cref="ArgumentException"/> with a message for the user.</summary>
    public static ClassifierOptions Parse(string[] args)
    {
        var options = new ClassifierOptions();
        for (int i = 0; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            options = args[i] switch
            {
                "--data" => options with { Data = Value() },
                "--epochs" => options with { Epochs = PositiveInt("--epochs", Value()) },
                "--train-size" => options with { TrainSize = PositiveInt("--train-size", Value()) },
                "--test-size" => options with { TestSize = PositiveInt("--test-size", Value()) },
                "--batch" => options with { BatchSize = PositiveInt("--batch", Value()) },
                "--lr" => options with { LearningRate = PositiveDouble("--lr", Value()) },
                "--momentum" => options with { Momentum = Double("--momentum", Value()) },
                "--schedule" => options with { Schedule = Value() },
                "--depth" => options with { Depth = PositiveInt("--depth", Value()) },
                "--clip" => options with { Clip = PositiveDouble("--clip", Value()) },
                "--rk-steps" => options with { RkSteps = PositiveInt("--rk-steps", Value()) },
                "--tol" => options with { Tolerance = PositiveDouble("--tol", Value()) },
                "--threads" => options with { Threads = PositiveInt("--threads", Value()) },
                "--seed" => options with { Seed = Int("--seed", Value()) },
                "--out" => options with { Output = Value() },
                "--models" => options with { Models = ModelList(Value()) },
                "--width" => Width(options, Value()),
                "--full" => options with { TrainSize = 60000, Epochs = 20, Schedule = "step" },
                _ => throw new ArgumentException($"Unknown argument '{args[i]}'."),
            };
        }
        if (!(options.Momentum >= 0 && options.Momentum < 1)) throw new ArgumentException("--momentum must be in [0, 1).");
        options.CreateSchedule();
        return options;
    }

    /// <summary>
    /// The width is compiled into the generated derivatives (loop bounds are constants), so only the built one is
    /// accepted; build with <c>-p:ClassifierChannels=N</c> for another (Chen et al. use 64).
    /// </summary>
    private static ClassifierOptions Width(ClassifierOptions options, string text)
        => PositiveInt("--width", text) == Architecture.Channels
            ? options
            : throw new ArgumentException(
                $"This build has width {Architecture.Channels}: the width is a compile-time constant of the generated " +
                $"derivatives. Build it with that width: dotnet run --project samples/Classifier -c Release -p:ClassifierChannels={text} -- --width {text}");

    private static string[] ModelList(string text)
    {
        var names = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        foreach (string name in names)
            if (name is not ("ResNet" or "RK-Net" or "ODE-Net"))
                throw new ArgumentException($"Unknown model '{name}': use ResNet, RK-Net and ODE-Net, separated by commas.");
        return names.Length > 0 ? names : throw new ArgumentException("--models needs at least one model.");
    }

    private static int Int(string name, string text)
        => int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int value)
            ? value
            : throw new ArgumentException($"{name} takes an integer, not '{text}'.");

    private static int PositiveInt(string name, string text)
        => Int(name, text) is > 0 and var value ? value : throw new ArgumentException($"{name} must be at least 1.");

    private static double Double(string name, string text)
        => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) && double.IsFinite(value)
            ? value
            : throw new ArgumentException($"{name} takes a number, not '{text}'.");

    private static double PositiveDouble(string name, string text)
        => Double(name, text) is > 0 and var value ? value : throw new ArgumentException($"{name} must be positive.");
}
