namespace OdeGen.Training.Tests.Training;

public class LearningRateScheduleTests
{
    [Fact]
    public void Constant_is_the_same_in_every_epoch()
    {
        var schedule = new ConstantLearningRate(0.05);
        Assert.Equal(0.05, schedule.At(0));
        Assert.Equal(0.05, schedule.At(1000));
    }

    [Fact]
    public void Step_decay_follows_the_odenet_mnist_schedule()
    {
        // torchdiffeq's odenet_mnist.py: 0.1, divided by 10 at epochs 60, 100 and 140.
        var schedule = new StepDecay(0.1, [60, 100, 140]);
        Assert.Equal(0.1, schedule.At(0), 15);
        Assert.Equal(0.1, schedule.At(59), 15);
        Assert.Equal(0.01, schedule.At(60), 15);
        Assert.Equal(0.01, schedule.At(99), 15);
        Assert.Equal(0.001, schedule.At(100), 15);
        Assert.Equal(1e-4, schedule.At(140), 15);
        Assert.Equal(1e-4, schedule.At(159), 15);
    }

    [Fact]
    public void Cosine_anneals_from_the_initial_to_the_minimum()
    {
        var schedule = new CosineAnnealing(0.1, epochs: 4, minimum: 0.01);
        Assert.Equal(0.1, schedule.At(0), 15);
        Assert.Equal(0.055, schedule.At(2), 15);                                   // half way: the mean
        Assert.Equal(0.01 + 0.045 * (1 + Math.Cos(Math.PI / 4)), schedule.At(1), 15);
        Assert.Equal(0.01, schedule.At(4), 15);
        Assert.Equal(0.01, schedule.At(9), 15);
        for (int e = 1; e < 5; e++) Assert.True(schedule.At(e) < schedule.At(e - 1));
    }

    [Fact]
    public void Bad_arguments_are_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ConstantLearningRate(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ConstantLearningRate(double.NaN));
        Assert.Contains("strictly increasing", Assert.Throws<ArgumentException>(() => new StepDecay(0.1, [5, 5])).Message);
        Assert.Throws<ArgumentException>(() => new StepDecay(0.1, [0]));
        Assert.Throws<ArgumentOutOfRangeException>(() => new StepDecay(0.1, [3], factor: 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => new CosineAnnealing(0.1, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new CosineAnnealing(0.1, 3, minimum: 0.2));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ConstantLearningRate(1).At(-1));
    }
}
