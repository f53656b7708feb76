using System;
using System.Threading.Tasks;
using OdeGen.Data;
using OdeGen.Training;

namespace OdeGen.Samples.Classifier;

/// <summary>Loss and function evaluations of one mini-batch gradient.</summary>
/// <param name="Loss">Mean cross-entropy of the batch.</param>
/// <param name="ForwardEvaluations">Evaluations of the block's function in the forward pass (mean over the parallel parts).</param>
/// <param name="BackwardEvaluations">Evaluations in the backward pass (mean over the parallel parts).</param>
public readonly record struct BatchGradient(double Loss, double ForwardEvaluations, double BackwardEvaluations);

/// <summary>
/// One of the three models: the downsampling stage, a <see cref="IFeatureBlock"/>, the linear head, and the softmax
/// cross-entropy. The parameter vector holds the stage's, the block's and the head's parameters in that order. A
/// batch is cut into one part per thread; each part runs the whole pipeline (for the ODE blocks, its own solve, so its
/// own step sizes) and the gradients are summed.
/// </summary>
public sealed class ImageClassifier
{
    private static readonly Layers.DownsampleFunction Stage = new();
    private static readonly Layers.HeadFunction Head = new();
    private const int F = Architecture.FeatureSize, K = Architecture.Classes, X = Architecture.ImageSize;

    /// <summary>A model around <paramref name="block"/>, computing on up to <paramref name="threads"/> threads.</summary>
    public ImageClassifier(IFeatureBlock block, int threads)
    {
        Block = block ?? throw new ArgumentNullException(nameof(block));
        Threads = threads >= 1 ? threads : throw new ArgumentOutOfRangeException(nameof(threads));
        BlockOffset = Layers.DownsampleParameters;
        HeadOffset = BlockOffset + block.ParameterSize;
        ParameterSize = HeadOffset + Layers.HeadParameters;
    }

    public IFeatureBlock Block { get; }

    public string Name => Block.Name;

    public int Threads { get; }

    public int BlockOffset { get; }

    public int HeadOffset { get; }

    public int ParameterSize { get; }

    /// <summary>Parameters that take part in the output: the table's count.</summary>
    public int TrainedParameters => Layers.DownsampleParameters + Block.TrainedParameters + Layers.HeadParameters;

    /// <summary>He-initialized convolutions, Glorot-initialized head, zero biases.</summary>
    public double[] Initialize(Random random)
    {
        var theta = new double[ParameterSize];
        Initialization.HeNormal(theta.AsSpan(0, Layers.Conv1Weights), 9, Architecture.Channels, random);
        Initialization.HeNormal(theta.AsSpan(Layers.W2, Layers.Conv2Weights), Architecture.Channels * 9, Architecture.Channels, random);
        Block.Initialize(theta.AsSpan(BlockOffset, Block.ParameterSize), random);
        Initialization.GlorotUniform(theta.AsSpan(HeadOffset, Layers.HeadWeights), F, K, random);
        return theta;
    }

    /// <summary>Writes the logits of the images <paramref name="indices"/> of <paramref name="data"/>, row after row; returns the forward evaluations.</summary>
    public double Logits(LabeledImages data, int[] indices, double[] theta, double[] logits)
    {
        var parts = Parts(indices.Length);
        var nfe = new double[parts.Length];
        ForEachPart(parts.Length, c =>
        {
            var (start, count) = parts[c];
            var (_, h0) = StageForward(data, indices.AsSpan(start, count), theta);
            var h1 = new double[h0.Length];
            nfe[c] = Block.Forward(h0, count, theta.AsSpan(BlockOffset, Block.ParameterSize), h1).Forward;
            DifferentiableBatch.Forward(Head, h1, count, theta.AsSpan(HeadOffset, Layers.HeadParameters), logits.AsSpan(start * K, count * K));
        });
        return Mean(nfe);
    }

    /// <summary>
    /// Overwrites <paramref name="gradient"/> with the gradient of the batch's mean cross-entropy.
    /// <paramref name="atTurn"/>, when given, is called once between the forward and the backward pass of the first
    /// part (where the stored forward state is largest): the memory probe.
    /// </summary>
    public BatchGradient Gradient(LabeledImages data, int[] indices, double[] theta, double[] gradient, Action? atTurn = null)
    {
        var parts = Parts(indices.Length);
        var gradients = new double[parts.Length][];
        var losses = new double[parts.Length];
        var forward = new double[parts.Length];
        var backward = new double[parts.Length];
        double total = indices.Length;
        ForEachPart(parts.Length, c =>
        {
            var (start, count) = parts[c];
            var part = indices.AsSpan(start, count).ToArray();
            var g = gradients[c] = new double[ParameterSize];
            var (images, h0) = StageForward(data, part, theta);
            var labels = new int[count];
            for (int b = 0; b < count; b++) labels[b] = data.Labels[part[b]];

            FeatureLoss loss = (h1, dLdh1) =>
            {
                var logits = new double[count * K];
                var dLdz = new double[count * K];
                var pHead = theta.AsSpan(HeadOffset, Layers.HeadParameters);
                DifferentiableBatch.Forward(Head, h1, count, pHead, logits);
                // The part's mean loss, weighted by its share of the batch: the gradient of the batch's mean.
                losses[c] = CrossEntropy.Gradient(logits, labels, dLdz) * (count / total);
                for (int i = 0; i < dLdz.Length; i++) dLdz[i] *= count / total;
                dLdh1.Clear();
                DifferentiableBatch.VjpAccumulate(Head, h1, count, pHead, dLdz, dLdh1, g.AsSpan(HeadOffset, Layers.HeadParameters));
                if (c == 0) atTurn?.Invoke();
            };

            var dLdh0 = new double[count * F];
            var blockGradient = new double[Block.ParameterSize];
            var evaluations = Block.Gradient(h0, count, theta.AsSpan(BlockOffset, Block.ParameterSize), loss, dLdh0, blockGradient);
            blockGradient.CopyTo(g.AsSpan(BlockOffset));
            (forward[c], backward[c]) = (evaluations.Forward, evaluations.Backward);

            // The images' cotangent is not needed (an empty wJx).
            DifferentiableBatch.VjpAccumulate(Stage, images, count, theta.AsSpan(0, Layers.DownsampleParameters), dLdh0,
                Span<double>.Empty, g.AsSpan(0, Layers.DownsampleParameters));
        });

        Array.Clear(gradient);
        double batchLoss = 0;
        for (int c = 0; c < parts.Length; c++)
        {
            batchLoss += losses[c];
            var g = gradients[c];
            for (int i = 0; i < gradient.Length; i++) gradient[i] += g[i];
        }
        return new BatchGradient(batchLoss, Mean(forward), Mean(backward));
    }

    /// <summary>Runs the parts in parallel; a part's exception is rethrown as itself, not wrapped.</summary>
    private void ForEachPart(int parts, Action<int> part)
    {
        try
        {
            Parallel.For(0, parts, new ParallelOptions { MaxDegreeOfParallelism = Threads }, part);
        }
        catch (AggregateException e) when (e.InnerExceptions.Count > 0)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw();
        }
    }

    /// <summary>The images of <paramref name="indices"/> one after another, and the stage's maps of them, on the stage's lane kernels.</summary>
    private static (double[] Images, double[] Maps) StageForward(LabeledImages data, ReadOnlySpan<int> indices, double[] theta)
    {
        if (data.PixelsPerImage != X)
            throw new ArgumentException($"The models take {Architecture.ImageSide} x {Architecture.ImageSide} images, not {data.Rows} x {data.Columns}.", nameof(data));
        var images = new double[indices.Length * X];
        for (int b = 0; b < indices.Length; b++) data.Image(indices[b]).CopyTo(images.AsSpan(b * X, X));
        var h0 = new double[indices.Length * F];
        DifferentiableBatch.Forward(Stage, images, indices.Length, theta.AsSpan(0, Layers.DownsampleParameters), h0);
        return (images, h0);
    }

    /// <summary>Contiguous parts of a batch, one per thread, sizes differing by at most one.</summary>
    private (int Start, int Count)[] Parts(int size)
    {
        int parts = Math.Min(Threads, size);
        var result = new (int, int)[parts];
        for (int c = 0, start = 0; c < parts; c++)
        {
            int count = size / parts + (c < size % parts ? 1 : 0);
            result[c] = (start, count);
            start += count;
        }
        return result;
    }

    private static double Mean(double[] values)
    {
        double sum = 0;
        foreach (double v in values) sum += v;
        return sum / values.Length;
    }
}
