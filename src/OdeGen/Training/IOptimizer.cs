using System;

namespace OdeGen.Training;

/// <summary>
/// A first-order optimizer: updates a parameter vector in place from the gradient of a loss, keeping whatever
/// per-parameter state it needs (moments, momentum) between calls.
/// </summary>
public interface IOptimizer
{
    /// <summary>The length of the parameter and gradient vectors; the state is allocated once for it.</summary>
    int ParameterCount { get; }

    /// <summary>The step size; may be changed between steps (a learning-rate schedule).</summary>
    double LearningRate { get; set; }

    /// <summary>The number of <see cref="Step"/> calls since construction or the last <see cref="Reset"/>.</summary>
    long StepCount { get; }

    /// <summary>
    /// One update of <paramref name="parameters"/> in place from <paramref name="gradient"/>, the gradient of the
    /// loss at the current parameters. Does not allocate.
    /// </summary>
    /// <exception cref="ArgumentException">A span's length is not <see cref="ParameterCount"/>.</exception>
    void Step(Span<double> parameters, ReadOnlySpan<double> gradient);

    /// <summary>Forgets the state (moments, momentum, step count), as if newly constructed.</summary>
    void Reset();
}
