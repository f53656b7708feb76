using System;

namespace OdeGen.Training;

/// <summary>
/// The learning rate as a function of the epoch (counted from 0), set on an <see cref="IOptimizer"/> before each
/// epoch: <c>optimizer.LearningRate = schedule.At(epoch)</c>.
/// </summary>
public abstract class LearningRateSchedule
{
    /// <summary>The learning rate of epoch <paramref name="epoch"/> (0 is the first).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="epoch"/> is negative.</exception>
    public double At(int epoch)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(epoch);
        return Rate(epoch);
    }

    /// <summary>The rate of a non-negative epoch.</summary>
    protected abstract double Rate(int epoch);

    /// <summary>Checks that a rate is positive and finite.</summary>
    protected static double CheckRate(double rate, string name) =>
        rate > 0 && double.IsFinite(rate)
            ? rate
            : throw new ArgumentOutOfRangeException(name, rate, "A learning rate must be positive and finite.");
}

/// <summary>The same learning rate in every epoch.</summary>
public sealed class ConstantLearningRate : LearningRateSchedule
{
    /// <summary>Always <paramref name="rate"/>.</summary>
    public ConstantLearningRate(double rate) => Value = CheckRate(rate, nameof(rate));

    /// <summary>The rate.</summary>
    public double Value { get; }

    /// <inheritdoc/>
    protected override double Rate(int epoch) => Value;
}

/// <summary>
/// Step decay: the initial rate multiplied by <see cref="Factor"/> at each milestone epoch reached, as PyTorch's
/// <c>MultiStepLR</c>. Chen et al. (2018) train their MNIST models with SGD at 0.1, divided by 10 at epochs 60, 100
/// and 140 of 160 (torchdiffeq's <c>examples/odenet_mnist.py</c>): <c>new StepDecay(0.1, [60, 100, 140])</c>.
/// </summary>
public sealed class StepDecay : LearningRateSchedule
{
    private readonly int[] _milestones;

    /// <summary>Starts at <paramref name="initial"/> and multiplies by <paramref name="factor"/> from each milestone on.</summary>
    /// <param name="initial">The rate before the first milestone.</param>
    /// <param name="milestones">Epochs at which the rate drops, strictly increasing and positive.</param>
    /// <param name="factor">The multiplier at each milestone, in (0, 1].</param>
    /// <exception cref="ArgumentException">Milestones not strictly increasing or not positive, or a rate or factor out of range.</exception>
    public StepDecay(double initial, int[] milestones, double factor = 0.1)
    {
        ArgumentNullException.ThrowIfNull(milestones);
        Initial = CheckRate(initial, nameof(initial));
        if (!(factor > 0 && factor <= 1)) throw new ArgumentOutOfRangeException(nameof(factor), factor, "The decay factor must be in (0, 1].");
        for (int i = 0; i < milestones.Length; i++)
        {
            if (milestones[i] < 1) throw new ArgumentException($"milestones[{i}] = {milestones[i]}; milestones are epochs after the first, at least 1.", nameof(milestones));
            if (i > 0 && milestones[i] <= milestones[i - 1])
                throw new ArgumentException($"Milestones must be strictly increasing: {milestones[i]} follows {milestones[i - 1]}.", nameof(milestones));
        }
        _milestones = (int[])milestones.Clone();
        Factor = factor;
    }

    /// <summary>The rate before the first milestone.</summary>
    public double Initial { get; }

    /// <summary>The multiplier at each milestone.</summary>
    public double Factor { get; }

    /// <summary>The epochs at which the rate drops.</summary>
    public ReadOnlySpan<int> Milestones => _milestones;

    /// <inheritdoc/>
    protected override double Rate(int epoch)
    {
        double rate = Initial;
        foreach (int milestone in _milestones)
            if (epoch >= milestone) rate *= Factor;
        return rate;
    }
}

/// <summary>
/// Cosine annealing without restarts (Loshchilov &amp; Hutter 2017, "SGDR", eq. 5):
/// <c>η_e = η_min + ½ (η_max − η_min)(1 + cos(π e / E))</c> over <c>E</c> epochs, from <c>η_max</c> at epoch 0 down
/// towards <c>η_min</c>; epochs past <c>E</c> keep <c>η_min</c>.
/// </summary>
public sealed class CosineAnnealing : LearningRateSchedule
{
    /// <summary>Anneals from <paramref name="initial"/> to <paramref name="minimum"/> over <paramref name="epochs"/> epochs.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A rate out of range, <paramref name="minimum"/> above <paramref name="initial"/>, or fewer than 1 epoch.</exception>
    public CosineAnnealing(double initial, int epochs, double minimum = 0)
    {
        Initial = CheckRate(initial, nameof(initial));
        ArgumentOutOfRangeException.ThrowIfLessThan(epochs, 1);
        if (!(minimum >= 0 && minimum <= initial))
            throw new ArgumentOutOfRangeException(nameof(minimum), minimum, $"The final rate must be in [0, {initial}].");
        Epochs = epochs;
        Minimum = minimum;
    }

    /// <summary><c>η_max</c>, the rate of epoch 0.</summary>
    public double Initial { get; }

    /// <summary><c>E</c>, the length of the half cosine in epochs.</summary>
    public int Epochs { get; }

    /// <summary><c>η_min</c>.</summary>
    public double Minimum { get; }

    /// <inheritdoc/>
    protected override double Rate(int epoch) =>
        epoch >= Epochs ? Minimum : Minimum + 0.5 * (Initial - Minimum) * (1 + Math.Cos(Math.PI * epoch / Epochs));
}
