using System;

namespace OdeGen;

/// <summary>
/// Base of the explicit Runge–Kutta solvers: each subclass supplies a validated <see cref="ButcherTableau"/>;
/// the stepping, step-size control and dense output are shared (<see cref="ExplicitRungeKuttaStepper"/>,
/// <see cref="PIController"/>, <see cref="DenseOutput"/>).
/// </summary>
public abstract class ExplicitRungeKuttaSolver : IOdeSolver
{
    private protected ExplicitRungeKuttaSolver(ButcherTableau tableau) => Tableau = tableau;

    /// <summary>The method's coefficients.</summary>
    public ButcherTableau Tableau { get; }

    /// <inheritdoc />
    public string Name => Tableau.Name;

    /// <inheritdoc />
    public int Order => Tableau.Order;

    /// <inheritdoc />
    public bool IsAdaptive => Tableau.IsAdaptive;

    /// <inheritdoc />
    public bool IsImplicit => false;

    /// <inheritdoc />
    public override string ToString() => Name;

    OdeSolution IOdeSolver.Solve<TSystem>(TSystem system, ReadOnlySpan<double> y0, double[] p, double t0, double t1, SolverOptions options)
    {
        var rhs = new SystemRightHandSide<TSystem>(system, p);
        return ExplicitRungeKuttaDriver.Integrate(ref rhs, Tableau, y0, t0, t1, options);
    }
}
