namespace OdeGen.Training;

/// <summary>What one training iteration reports back: its loss and the work it took.</summary>
/// <param name="Loss">The loss at the parameters the iteration started from.</param>
/// <param name="ForwardEvaluations">Right-hand-side evaluations of the forward pass (e.g. a solution's <c>Nfe</c>).</param>
/// <param name="BackwardEvaluations">Evaluations of the backward (gradient) pass.</param>
public readonly record struct StepResult(double Loss, long ForwardEvaluations = 0, long BackwardEvaluations = 0);
