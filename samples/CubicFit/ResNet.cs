using System;
using System.Linq;
using OdeGen.Training;

namespace OdeGen.Samples.CubicFit;

/// <summary>
/// The ResNet of the comparison: <see cref="Blocks"/> residual blocks on the scalar input, each
/// <c>x ← x + w2 · tanh(w1 x + b1) + b2</c> with <see cref="OdeNetDynamics.Hidden"/> tanh units — the same layer as the
/// ODE-Net's dynamics, one explicit Euler step of size 1 per block, each block with its own weights. Backpropagation
/// is written out by hand.
/// </summary>
public sealed class ResNet
{
    public const int Blocks = 3;
    private const int Hidden = OdeNetDynamics.Hidden;
    private const int BlockSize = OdeNetDynamics.ParameterCount;

    public ResNet(Random random)
    {
        Parameters = new double[Blocks * BlockSize];
        for (int k = 0; k < Blocks; k++)
        {
            var block = Parameters.AsSpan(k * BlockSize, BlockSize);
            Initialization.GlorotUniform(block.Slice(0, Hidden), fanIn: 1, fanOut: Hidden, random);
            Initialization.GlorotUniform(block.Slice(2 * Hidden, Hidden), fanIn: Hidden, fanOut: 1, random);
        }
    }

    /// <summary>Block k's <c>[w1 (20), b1 (20), w2 (20), b2]</c> at <c>k * 61</c>, the ODE-Net's layout.</summary>
    public double[] Parameters { get; }

    /// <summary>Adam steps on the MSE over the training points; returns the training loss of each iteration.</summary>
    public double[] Train(CubicData data, int iterations, double learningRate)
    {
        var result = TrainingLoop.Run(Parameters, new Adam(Parameters.Length, learningRate),
            (p, gradient) => new StepResult(LossAndGradient(p, data.X, data.Y, gradient)),
            new TrainingOptions { MaxIterations = iterations });
        return result.History.Select(r => r.Loss).ToArray();
    }

    public double[] Predict(double[] x) => Array.ConvertAll(x, xi => Forward(Parameters, xi, Span<double>.Empty));

    /// <summary>The network's output for <paramref name="x"/>; <paramref name="inputs"/>, unless empty, receives each block's input.</summary>
    private static double Forward(ReadOnlySpan<double> p, double x, Span<double> inputs)
    {
        for (int k = 0; k < Blocks; k++)
        {
            if (!inputs.IsEmpty) inputs[k] = x;
            var block = p.Slice(k * BlockSize, BlockSize);
            double update = block[3 * Hidden];
            for (int i = 0; i < Hidden; i++) update += block[2 * Hidden + i] * Math.Tanh(block[i] * x + block[Hidden + i]);
            x += update;
        }
        return x;
    }

    /// <summary>The mean squared error over the points and its gradient (overwritten into <paramref name="gradient"/>).</summary>
    private static double LossAndGradient(ReadOnlySpan<double> p, double[] x, double[] y, Span<double> gradient)
    {
        gradient.Clear();
        Span<double> inputs = stackalloc double[Blocks];
        double loss = 0;
        for (int n = 0; n < x.Length; n++)
        {
            double residual = Forward(p, x[n], inputs) - y[n];
            loss += residual * residual / x.Length;
            double g = 2 * residual / x.Length;   // dL/d(block output), going backwards through the blocks
            for (int k = Blocks - 1; k >= 0; k--)
            {
                var block = p.Slice(k * BlockSize, BlockSize);
                var blockGradient = gradient.Slice(k * BlockSize, BlockSize);
                double xk = inputs[k], gInput = g;   // the skip connection passes g through unchanged
                for (int i = 0; i < Hidden; i++)
                {
                    double h = Math.Tanh(block[i] * xk + block[Hidden + i]);
                    double w2 = block[2 * Hidden + i];
                    double gPre = g * w2 * (1 - h * h);
                    blockGradient[2 * Hidden + i] += g * h;
                    blockGradient[i] += gPre * xk;
                    blockGradient[Hidden + i] += gPre;
                    gInput += gPre * block[i];
                }
                blockGradient[3 * Hidden] += g;
                g = gInput;
            }
        }
        return loss;
    }
}
