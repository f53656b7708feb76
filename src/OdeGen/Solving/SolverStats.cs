namespace OdeGen;

/// <summary>Work done by a solve.</summary>
/// <param name="Nfe">Evaluations of the right-hand side <c>f</c> (including the starting-step estimate and dense-output stages).</param>
/// <param name="Njac">Evaluations of the Jacobian <c>df/dy</c> (stiff solvers).</param>
/// <param name="Nlu">LU factorizations of the iteration matrix (stiff solvers).</param>
/// <param name="AcceptedSteps">Accepted steps.</param>
/// <param name="RejectedSteps">Rejected step attempts.</param>
public readonly record struct SolverStats(int Nfe, int Njac, int Nlu, int AcceptedSteps, int RejectedSteps);
