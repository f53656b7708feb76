using System.Collections;
using System.Collections.Generic;

namespace OdeGen;

/// <summary>
/// The start times of a forward trajectory's steps, last first: the <see cref="SolverOptions.StepStops"/> of a
/// backward pass that reads the trajectory. Its interpolant is a different polynomial on every step, so the
/// right-hand side of the backward pass has a kink at each of these times; a backward step that ends on them
/// integrates one polynomial piece and its error estimate sees the whole error.
/// </summary>
internal sealed class ForwardStepBoundaries(DenseTrajectory trajectory) : IReadOnlyList<double>
{
    public int Count => trajectory.Count;

    public double this[int index] => trajectory.StepStart(trajectory.Count - 1 - index);

    public IEnumerator<double> GetEnumerator()
    {
        for (int i = 0; i < Count; i++) yield return this[i];
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
