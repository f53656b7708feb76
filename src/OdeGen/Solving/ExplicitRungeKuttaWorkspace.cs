namespace OdeGen;

/// <summary>
/// The buffers of an explicit Runge–Kutta integration (the stepper's stages, the state and the next state), kept by a
/// caller that integrates one right-hand side many times, such as an adjoint's backward segments (one per observation
/// interval), so that only the first integration allocates them.
/// </summary>
internal sealed class ExplicitRungeKuttaWorkspace
{
    public ExplicitRungeKuttaWorkspace(ButcherTableau tableau, int n)
    {
        Stepper = new ExplicitRungeKuttaStepper(tableau, n);
        Y = new double[n];
        Y1 = new double[n];
    }

    public ExplicitRungeKuttaStepper Stepper { get; }

    /// <summary>The state at the start of the current step.</summary>
    public double[] Y { get; }

    /// <summary>The state at its end.</summary>
    public double[] Y1 { get; }

    public bool Fits(ButcherTableau tableau, int n) => ReferenceEquals(Stepper.Tableau, tableau) && Y.Length == n;
}
