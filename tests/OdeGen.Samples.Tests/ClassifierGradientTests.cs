using OdeGen.Data;
using OdeGen.Samples.Classifier;
using OdeGen.Training;

namespace OdeGen.Samples.Tests;

/// <summary>
/// Each model's whole gradient (stage, block and head, over a batch cut into two parallel parts) against central
/// differences of its loss along a random direction in the parameters; and the memory each keeps for its backward
/// pass as its solver takes more steps.
/// </summary>
[Collection(nameof(MemoryMeasurements))]
public class ClassifierGradientTests
{
    private static readonly Lazy<LabeledImages> Images = new(() =>
    {
        var (images, labels) = SyntheticImages.Bytes(16, new Random(4));
        var pixels = images.Skip(16).Select(b => b / 255.0).ToArray();
        return new LabeledImages(pixels, labels.Skip(8).Select(b => (int)b).ToArray(), 28, 28);
    });

    // The ODE-Net's loss is not differenced: its adaptive steps change with θ, and at tolerance tol that moves the
    // loss by about tol, far more than h² in a central difference. Its adjoint is checked against the exact gradient
    // of a fine fixed-step solve instead.
    public static TheoryData<string> Models => new() { "ResNet", "RK-Net" };

    private static IFeatureBlock Block(string name) => name switch
    {
        "ResNet" => new ResidualStack(3),
        _ => OdeFeatureBlock.RkNet(4),
    };

    private static double[] Perturbed(ImageClassifier model) =>
        // Away from the relus' kinks: with the zero initial biases, a convolution of an all-zero patch at t = 0 is exactly 0.
        ClassifierLayerTests.Add(model.Initialize(new Random(5)), ClassifierLayerTests.Uniform(new Random(8), model.ParameterSize, -1, 1), 0.01);

    [Theory]
    [MemberData(nameof(Models))]
    public void The_gradient_matches_central_differences_of_the_loss(string name)
    {
        var model = new ImageClassifier(Block(name), threads: 2);
        var theta = Perturbed(model);
        int[] batch = [0, 3, 5, 6, 9];
        var gradient = new double[theta.Length];
        var step = model.Gradient(Images.Value, batch, theta, gradient);

        var v = ClassifierLayerTests.Uniform(new Random(6), theta.Length, -1, 1);
        const double h = 1e-5;
        double difference = (Loss(model, ClassifierLayerTests.Add(theta, v, h), batch) - Loss(model, ClassifierLayerTests.Add(theta, v, -h), batch)) / (2 * h);
        double directional = ClassifierLayerTests.Dot(gradient, v);

        Assert.Equal(Loss(model, theta, batch), step.Loss, 6);
        Assert.True(Math.Abs(directional - difference) <= 1e-4 * Math.Abs(difference) + 1e-7,
            $"{name}: gradient · v = {directional:R}, central difference {difference:R}");
        Assert.True(step.ForwardEvaluations > 0 && step.BackwardEvaluations > 0);
    }

    [Fact]
    public void The_ode_nets_adjoint_gradient_matches_the_exact_gradient_of_a_fine_fixed_step_solve()
    {
        int[] batch = [1, 2, 4];
        var odeNet = new ImageClassifier(OdeFeatureBlock.OdeNet(1e-6), threads: 2);
        var fine = new ImageClassifier(OdeFeatureBlock.RkNet(64), threads: 1);
        var theta = Perturbed(odeNet);
        double[] adjoint = new double[theta.Length], exact = new double[theta.Length];
        odeNet.Gradient(Images.Value, batch, theta, adjoint);
        fine.Gradient(Images.Value, batch, theta, exact);

        double error = Math.Sqrt(adjoint.Zip(exact, (a, b) => (a - b) * (a - b)).Sum()), norm = Math.Sqrt(exact.Sum(g => g * g));
        // The relus' kinks cost RK4 its order: 16 steps are 7e-4 off 64 (relative); the adjoint at 1e-6 is 8e-4 off.
        Assert.True(error <= 2e-3 * norm, $"|adjoint - exact| = {error:G3}, |exact| = {norm:G3}");
    }

    private static double Loss(ImageClassifier model, double[] theta, int[] batch)
    {
        var logits = new double[batch.Length * Architecture.Classes];
        model.Logits(Images.Value, batch, theta, logits);
        return CrossEntropy.Value(logits, batch.Select(i => Images.Value.Labels[i]).ToArray());
    }

    [Fact]
    public void The_ode_nets_memory_does_not_grow_with_its_steps_and_the_rk_nets_does()
    {
        // 4 images: one stored state is 4 * 392 doubles, 12.25 KiB.
        double stateMiB = 4 * Architecture.FeatureSize * 8 / (1024.0 * 1024.0);
        double coarse = Peak(OdeFeatureBlock.OdeNet(1e-2), out var few), fine = Peak(OdeFeatureBlock.OdeNet(1e-7), out var many);
        Assert.True(many.ForwardEvaluations > 2 * few.ForwardEvaluations, $"{few.ForwardEvaluations} vs {many.ForwardEvaluations} evaluations");
        Assert.True(Math.Abs(fine - coarse) < 2 * stateMiB, $"ODE-Net: {coarse:F3} MiB at tolerance 1e-2, {fine:F3} MiB at 1e-7");

        // The forward solve keeps every step's state, in room for 64 made at the start and doubled when full.
        double rk4 = Peak(OdeFeatureBlock.RkNet(4), out _), rk70 = Peak(OdeFeatureBlock.RkNet(70), out _);
        Assert.True(rk70 - rk4 > 50 * stateMiB, $"RK-Net: {rk4:F3} MiB with 4 steps, {rk70:F3} MiB with 70");
    }

    private static double Peak(IFeatureBlock block, out BatchGradient step)
    {
        var model = new ImageClassifier(block, threads: 1);
        var theta = model.Initialize(new Random(7));
        var gradient = new double[theta.Length];
        int[] batch = Enumerable.Range(0, 4).ToArray();
        model.Gradient(Images.Value, batch, theta, gradient);   // compiled and warmed up before the baseline
        var memory = new PeakMemory();
        step = model.Gradient(Images.Value, batch, theta, gradient, memory.Probe);
        return memory.PeakMegabytes;
    }
}

/// <summary>Tests that measure this process's managed heap run alone.</summary>
[CollectionDefinition(nameof(MemoryMeasurements), DisableParallelization = true)]
public sealed class MemoryMeasurements;
