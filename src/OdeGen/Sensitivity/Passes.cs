using System;

namespace OdeGen;

/// <summary>
/// Runs the solves of a gradient method: the user's solver over an augmented right-hand side (dispatching on the
/// solver to the generic drivers, so the augmented system is specialized like any other), and the labelling of
/// failures with the pass they happened in.
/// </summary>
internal static class Passes
{
    /// <summary>Integrates an augmented system that has no Jacobian: explicit Runge–Kutta solvers only.</summary>
    public static OdeSolution Explicit<TRhs>(IOdeSolver solver, ref TRhs rhs, ReadOnlySpan<double> u0, double t0, double t1,
        SolverOptions options, ExplicitRungeKuttaWorkspace? workspace = null)
        where TRhs : struct, IRightHandSide
    {
        if (solver is ExplicitRungeKuttaSolver erk) return ExplicitRungeKuttaDriver.Integrate(ref rhs, erk.Tableau, u0, t0, t1, options, workspace);
        throw new NotSupportedException($"{solver.Name} is not an explicit Runge–Kutta solver.");
    }

    /// <summary>Integrates an augmented system with any solver of the runtime (stiff ones use its Jacobian).</summary>
    public static OdeSolution Any<TRhs>(IOdeSolver solver, ref TRhs rhs, ReadOnlySpan<double> u0, double t0, double t1,
        SolverOptions options, ExplicitRungeKuttaWorkspace? workspace = null)
        where TRhs : struct, IJacobianRightHandSide
        => solver switch
        {
            ExplicitRungeKuttaSolver erk => ExplicitRungeKuttaDriver.Integrate(ref rhs, erk.Tableau, u0, t0, t1, options, workspace),
            Rodas5P rodas => RosenbrockDriver.Integrate(ref rhs, Rodas5P.Coefficients, u0, t0, t1, options, rodas.RefineStages),
            _ => throw new NotSupportedException($"{solver.Name} is not supported by the gradient methods."),
        };

    /// <summary>
    /// Buffers for integrating a right-hand side of <paramref name="size"/> many times with <paramref name="solver"/>
    /// (the backward segments of an adjoint); null for solvers that are not explicit Runge–Kutta.
    /// </summary>
    public static ExplicitRungeKuttaWorkspace? Workspace(IOdeSolver solver, int size)
        => solver is ExplicitRungeKuttaSolver erk ? new ExplicitRungeKuttaWorkspace(erk.Tableau, size) : null;

    /// <summary>Throws <see cref="NotSupportedException"/> unless <paramref name="solver"/> is an explicit Runge–Kutta solver.</summary>
    public static void RequireExplicit(IOdeSolver solver, string method, string why)
    {
        if (solver is not ExplicitRungeKuttaSolver)
            throw new NotSupportedException($"{method} needs an explicit Runge–Kutta solver, not {solver.Name}: {why}");
    }

    /// <summary>The same failure, its message saying which pass of which method failed.</summary>
    public static OdeSolverException Label(OdeSolverException e, string method, string pass)
        => new(e.Reason, e.TimeReached, e.PartialSolution, $"{method}: the {pass} pass failed: {e.Message}");

    public static SolverStats Add(SolverStats a, SolverStats b)
        => new(a.Nfe + b.Nfe, a.Njac + b.Njac, a.Nlu + b.Nlu, a.AcceptedSteps + b.AcceptedSteps, a.RejectedSteps + b.RejectedSteps);
}
