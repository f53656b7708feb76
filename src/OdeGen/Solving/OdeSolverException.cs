using System;

namespace OdeGen;

/// <summary>A solve that could not reach <c>t1</c>. Carries the reason, the time reached and the solution up to it.</summary>
public sealed class OdeSolverException : Exception
{
    /// <summary>Creates the exception.</summary>
    public OdeSolverException(OdeSolverFailure reason, double timeReached, OdeSolution partialSolution, string message)
        : base(message)
    {
        Reason = reason;
        TimeReached = timeReached;
        PartialSolution = partialSolution;
    }

    /// <summary>Why the solve stopped.</summary>
    public OdeSolverFailure Reason { get; }

    /// <summary>The last time the solution reached with an accepted step.</summary>
    public double TimeReached { get; }

    /// <summary>The solution from <c>t0</c> to <see cref="TimeReached"/>: the requested times up to it (or every accepted step).</summary>
    public OdeSolution PartialSolution { get; }
}
