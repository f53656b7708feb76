using System;

namespace OdeGen.Training;

/// <summary>
/// Stochastic gradient descent, <c>θ ← θ − lr · g</c>, with optional momentum (Polyak 1964's heavy ball, in the
/// form of Sutskever et al. 2013 and PyTorch's <c>torch.optim.SGD</c>): <c>b ← μb + (1 − dampening)g</c>
/// (<c>b = g</c> on the first step), <c>θ ← θ − lr · b</c>; with Nesterov momentum the step is
/// <c>θ ← θ − lr · (g + μb)</c>.
/// </summary>
public sealed class Sgd : Optimizer
{
    private readonly double[]? _momentumBuffer;

    /// <summary>SGD for <paramref name="parameterCount"/> parameters.</summary>
    /// <param name="parameterCount">Length of the parameter vector.</param>
    /// <param name="learningRate">Step size.</param>
    /// <param name="momentum">Momentum factor μ in [0, 1); 0 for plain gradient descent.</param>
    /// <param name="nesterov">Nesterov momentum; needs a positive momentum and no dampening.</param>
    /// <param name="dampening">Dampening of the gradient added to the momentum buffer, in [0, 1).</param>
    /// <exception cref="ArgumentOutOfRangeException">An argument is outside its range.</exception>
    /// <exception cref="ArgumentException">Nesterov momentum without momentum, or with dampening.</exception>
    public Sgd(int parameterCount, double learningRate = 1e-3, double momentum = 0, bool nesterov = false, double dampening = 0)
        : base(parameterCount, learningRate)
    {
        Momentum = CheckDecayRate(momentum, nameof(momentum));
        Dampening = CheckDecayRate(dampening, nameof(dampening));
        if (nesterov && (momentum == 0 || dampening != 0))
            throw new ArgumentException("Nesterov momentum needs a positive momentum and zero dampening.", nameof(nesterov));
        Nesterov = nesterov;
        _momentumBuffer = momentum > 0 ? new double[parameterCount] : null;
    }

    /// <summary>Momentum factor μ (0: none).</summary>
    public double Momentum { get; }

    /// <summary>Dampening of the gradient entering the momentum buffer.</summary>
    public double Dampening { get; }

    /// <summary>Whether Nesterov momentum is used.</summary>
    public bool Nesterov { get; }

    /// <inheritdoc/>
    protected override void Update(Span<double> parameters, ReadOnlySpan<double> gradient, long step)
    {
        double lr = LearningRate;
        for (int i = 0; i < parameters.Length; i++)
        {
            double g = DecayedGradient(parameters, gradient, i);
            if (_momentumBuffer is not null)
            {
                double b = _momentumBuffer[i] = step == 1 ? g : Momentum * _momentumBuffer[i] + (1 - Dampening) * g;
                g = Nesterov ? g + Momentum * b : b;
            }
            parameters[i] -= lr * g;
        }
    }

    /// <inheritdoc/>
    protected override void ResetState()
    {
        if (_momentumBuffer is not null) Array.Clear(_momentumBuffer);
    }
}
