using OdeGen.Tests.Corpus;

namespace OdeGen.Tests;

/// <summary><see cref="DifferentiableBatch"/>: a layer's lane kernels over a batch against the same batch input by input.</summary>
public class LayerBatchTests
{
    [Fact]
    public void Layers_without_branches_on_the_input_have_lane_kernels()
    {
        Assert.True(new Layers.ConvFunction().HasLanes);
        Assert.True(new Layers.DownsampleFunction().HasLanes);
        Assert.True(new Layers.HeadFunction().HasLanes);
        Assert.True(new Layers.MixFunction().HasLanes);
        Assert.False(((IDifferentiableFunction)new Layers.GateFunction()).HasLanes);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    [InlineData(7)]
    [InlineData(13)]
    public void A_batch_on_lanes_matches_the_batch_input_by_input(int batch)
    {
        Compare(new Layers.ConvFunction(), batch);
        Compare(new Layers.DownsampleFunction(), batch);
        Compare(new Layers.HeadFunction(), batch);
        Compare(new Layers.MixFunction(), batch);
        Compare(new Layers.GateFunction(), batch);
    }

    [Fact]
    public void The_batch_of_an_input_by_input_layer_is_its_inputs_one_by_one()
    {
        var gate = new Layers.GateFunction();
        double[] x = [0.5, 2.0, -1.0, 3.0], p = [1.5], y = new double[2];
        DifferentiableBatch.Forward(gate, x, 2, p, y);
        Assert.Equal([1.5 * 0.5 * 2.0, 3.0], y);
        double[] wJx = new double[4], wJp = new double[1];
        DifferentiableBatch.VjpAccumulate(gate, x, 2, p, [1.0, 1.0], wJx, wJp);
        Assert.Equal([1.5 * 2.0, 1.5 * 0.5, 0, 1], wJx);
        Assert.Equal(0.5 * 2.0, wJp[0], 15);
    }

    [Fact]
    public void Wrong_sizes_are_refused()
    {
        var head = new Layers.HeadFunction();
        var p = new double[99];
        Assert.Throws<ArgumentException>(() => DifferentiableBatch.Forward(head, new double[64], 3, p, new double[9]));
        Assert.Throws<ArgumentException>(() => DifferentiableBatch.Forward(head, new double[96], 3, new double[98], new double[9]));
        Assert.Throws<ArgumentException>(() => DifferentiableBatch.VjpAccumulate(head, new double[96], 3, p, new double[9], new double[95], new double[99]));
        Assert.Throws<ArgumentException>(() => DifferentiableBatch.VjpAccumulate(head, new double[96], 3, p, new double[9], Span<double>.Empty, new double[3]));
    }

    [Fact]
    public void A_warm_batch_allocates_nothing()
    {
        var conv = new Layers.ConvFunction();
        int batch = 2 * Lanes.Count + 1;
        var random = new Random(3);
        var x = DerivativeChecks.RandomVector(random, batch * conv.InputSize);
        var p = DerivativeChecks.RandomVector(random, conv.ParameterSize, -0.5, 0.5);
        var w = DerivativeChecks.RandomVector(random, batch * conv.OutputSize);
        var y = new double[batch * conv.OutputSize];
        var wJp = new double[conv.ParameterSize];
        void Run()
        {
            DifferentiableBatch.Forward(conv, x, batch, p, y);
            DifferentiableBatch.VjpAccumulate(conv, x, batch, p, w, Span<double>.Empty, wJp);
        }
        Run();
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 10; i++) Run();
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    private static void Compare<TFunction>(TFunction layer, int batch) where TFunction : IDifferentiableFunction
    {
        var random = new Random(batch);
        int n = layer.InputSize, o = layer.OutputSize, m = layer.ParameterSize;
        var x = DerivativeChecks.RandomVector(random, batch * n);
        var p = DerivativeChecks.RandomVector(random, m, -0.5, 0.5);
        var w = DerivativeChecks.RandomVector(random, batch * o);
        string name = typeof(TFunction).Name;

        var yLanes = new double[batch * o];
        var yOneByOne = new double[batch * o];
        DifferentiableBatch.Forward(layer, x, batch, p, yLanes);
        DifferentiableBatch.Forward(layer, x, batch, p, yOneByOne, useLanes: false);
        for (int i = 0; i < yLanes.Length; i++) DerivativeChecks.AssertClose(yOneByOne[i], yLanes[i], 1e-12, $"{name} y[{i}]");

        // Both add into what is there.
        var start = DerivativeChecks.RandomVector(random, batch * n);
        var startP = DerivativeChecks.RandomVector(random, m);
        var (wJxLanes, wJpLanes) = ((double[])start.Clone(), (double[])startP.Clone());
        var (wJxOneByOne, wJpOneByOne) = ((double[])start.Clone(), (double[])startP.Clone());
        DifferentiableBatch.VjpAccumulate(layer, x, batch, p, w, wJxLanes, wJpLanes);
        DifferentiableBatch.VjpAccumulate(layer, x, batch, p, w, wJxOneByOne, wJpOneByOne, useLanes: false);
        for (int i = 0; i < wJxLanes.Length; i++) DerivativeChecks.AssertClose(wJxOneByOne[i], wJxLanes[i], 1e-12, $"{name} wJx[{i}]");
        for (int i = 0; i < m; i++) DerivativeChecks.AssertClose(wJpOneByOne[i], wJpLanes[i], 1e-12, $"{name} wJp[{i}]");

        // One by one is the layer's own VjpAccumulate, input after input.
        var wJp = (double[])startP.Clone();
        var wJx = (double[])start.Clone();
        for (int b = 0; b < batch; b++)
            layer.VjpAccumulate(x.AsSpan(b * n, n), p, w.AsSpan(b * o, o), Span<double>.Empty, wJx.AsSpan(b * n, n), wJp);
        Assert.Equal(wJx, wJxOneByOne);
        Assert.Equal(wJp, wJpOneByOne);
    }
}
