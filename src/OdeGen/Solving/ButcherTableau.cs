using System;

namespace OdeGen;

/// <summary>
/// The coefficients of an explicit Runge–Kutta method: <c>c</c>, the strictly lower-triangular <c>A</c>,
/// the weights <c>b</c> and the error weights <c>e = b - b̂</c> of the embedded method, validated at
/// construction (rows of <c>A</c> sum to <c>c</c>, <c>b</c> sums to 1, <c>e</c> sums to 0).
/// Exposed so that gradient methods (e.g. a discrete adjoint) can replay the stages of each step.
/// </summary>
public sealed class ButcherTableau
{
    private const double Tolerance = 1e-12;

    private readonly double[] _a;
    private readonly double[] _b;
    private readonly double[] _c;
    private readonly double[] _e;

    internal ButcherTableau(string name, string citation, int order, int embeddedOrder,
        double[] c, double[][] a, double[] b, double[]? errorWeights)
    {
        Name = name;
        Citation = citation;
        Order = order;
        EmbeddedOrder = embeddedOrder;
        Stages = c.Length;
        if (a.Length != Stages) throw new ArgumentException($"{name}: A has {a.Length} rows, c has {Stages} entries.", nameof(a));
        if (b.Length != Stages) throw new ArgumentException($"{name}: b has {b.Length} entries, c has {Stages}.", nameof(b));
        _c = c;
        _b = b;
        _a = Flatten(name, a, c, Stages);
        for (int i = 0; i < Stages; i++)
            for (int j = i; j < Stages; j++)
                if (_a[i * Stages + j] != 0)
                    throw new ArgumentException($"{name}: A is not strictly lower triangular at ({i}, {j}).", nameof(a));
        _e = errorWeights ?? new double[Stages];
        if (_e.Length != Stages) throw new ArgumentException($"{name}: error weights have {_e.Length} entries, c has {Stages}.", nameof(errorWeights));
        CheckSum(name, "b", b, 1.0);
        if (errorWeights is not null) CheckSum(name, "error weights", _e, 0.0);

        // First same as last: the last stage is evaluated at (t + h, y1), so it is f at the next step's start.
        bool fsal = c[Stages - 1] == 1.0;
        for (int j = 0; j < Stages && fsal; j++) fsal = a[Stages - 1].Length > j ? a[Stages - 1][j] == b[j] : b[j] == 0.0;
        IsFsal = fsal && b[Stages - 1] == 0.0;
    }

    /// <summary>Short name of the method, e.g. <c>"Dopri5"</c>.</summary>
    public string Name { get; }

    /// <summary>Where the coefficients come from (paper, table, page).</summary>
    public string Citation { get; }

    /// <summary>Order of the solution <c>y1 = y0 + h Σ b_i k_i</c>.</summary>
    public int Order { get; }

    /// <summary>Order of the embedded solution used for the error estimate; 0 when there is none.</summary>
    public int EmbeddedOrder { get; }

    /// <summary>Number of stages <c>s</c>.</summary>
    public int Stages { get; }

    /// <summary>Whether the method has an embedded error estimate (and can adapt its step).</summary>
    public bool IsAdaptive => EmbeddedOrder > 0;

    /// <summary>
    /// First same as last: the last stage is <c>f(t + h, y1)</c> (last row of <c>A</c> equals <c>b</c>, <c>c_s = 1</c>),
    /// so it serves as the first stage of the next step.
    /// </summary>
    public bool IsFsal { get; }

    /// <summary>Nodes <c>c_i</c>.</summary>
    public ReadOnlySpan<double> C => _c;

    /// <summary>Weights <c>b_i</c>.</summary>
    public ReadOnlySpan<double> B => _b;

    /// <summary>Error weights <c>e_i = b_i - b̂_i</c>; the local error estimate is <c>h Σ e_i k_i</c>. All zero for fixed-step methods.</summary>
    public ReadOnlySpan<double> ErrorWeights => _e;

    /// <summary>Coefficient <c>a_ij</c> (zero for <c>j &gt;= i</c>).</summary>
    public double A(int i, int j) => _a[i * Stages + j];

    /// <summary>Row <c>i</c> of <c>A</c> (length <see cref="Stages"/>).</summary>
    public ReadOnlySpan<double> ARow(int i) => _a.AsSpan(i * Stages, Stages);

    // ---- Dense output and special error estimates (internal: used by the stepper) ----

    /// <summary>How the interpolant's coefficient vectors are combined; see <see cref="DenseOutput"/>.</summary>
    internal DenseForm DenseForm { get; init; } = DenseForm.HairerNested;

    /// <summary>Number of coefficient vectors per step (4 for cubic Hermite).</summary>
    internal int DenseCoefficients { get; init; } = 4;

    /// <summary>
    /// Row-major weights: coefficient vector <c>r</c> (after the fixed leading ones) is <c>h Σ_j W[r, j] k_j</c> over
    /// the stage slots (main stages, then <c>f(t+h, y1)</c> for non-FSAL methods, then extra dense stages).
    /// </summary>
    internal double[]? DenseWeights { get; init; }

    /// <summary>Number of stage slots the dense weights and extra stages refer to.</summary>
    internal int DenseStageSlots { get; init; }

    /// <summary>Extra stages evaluated only for dense output (DOP853): their <c>A</c> rows over the stage slots.</summary>
    internal double[][]? ExtraA { get; init; }

    /// <summary>Nodes of the extra dense-output stages.</summary>
    internal double[]? ExtraC { get; init; }

    /// <summary>DOP853's second error weights (<c>b - b̂</c> of its 3rd-order estimate), combined with the 5th-order one.</summary>
    internal double[]? ErrorWeights3 { get; init; }

    /// <summary>
    /// <c>k</c> in the controller exponent <c>1/k</c>: the order of the error estimate plus one by default;
    /// DOP853's combined estimate behaves like order 7 (dop853.f: EXPO1 = 1/8).
    /// </summary>
    internal int ControllerK { get => _controllerK ?? EmbeddedOrder + 1; init => _controllerK = value; }

    private readonly int? _controllerK;

    /// <summary>Controller defaults: integral gain, safety, smallest and largest step ratio.</summary>
    internal (double Beta, double Safety, double FacMin, double FacMax) ControllerDefaults { get; init; } = (0.04, 0.9, 0.2, 10.0);

    /// <summary>Validates the extra stages: each row of <see cref="ExtraA"/> sums to its node.</summary>
    internal ButcherTableau Checked()
    {
        if (ExtraA is not null && ExtraC is not null) Flatten(Name, ExtraA, ExtraC, DenseStageSlots);
        if (ErrorWeights3 is not null) CheckSum(Name, "3rd-order error weights", ErrorWeights3, 0.0);
        if (DenseWeights is not null && DenseWeights.Length != (DenseCoefficients - (DenseForm == DenseForm.Power ? 1 : 4)) * DenseStageSlots)
            throw new ArgumentException($"{Name}: dense weights have the wrong size.");
        return this;
    }

    internal static double[] Flatten(string name, double[][] a, double[] c, int columns)
    {
        var flat = new double[a.Length * columns];
        for (int i = 0; i < a.Length; i++)
        {
            if (a[i].Length > columns)
                throw new ArgumentException($"{name}: row {i} of A has {a[i].Length} entries, more than {columns}.", nameof(a));
            double sum = 0;
            for (int j = 0; j < a[i].Length; j++)
            {
                flat[i * columns + j] = a[i][j];
                sum += a[i][j];
            }
            if (Math.Abs(sum - c[i]) > 10 * Tolerance * Math.Max(1.0, Math.Abs(c[i])))
                throw new ArgumentException($"{name}: row {i} of A sums to {sum:R}, but c_{i} = {c[i]:R}.", nameof(a));
        }
        return flat;
    }

    internal static void CheckSum(string name, string what, double[] v, double expected)
    {
        double sum = 0;
        foreach (double x in v) sum += x;
        if (Math.Abs(sum - expected) > Tolerance * 10)
            throw new ArgumentException($"{name}: {what} sum to {sum:R}, expected {expected:R}.", nameof(v));
    }
}
