using System;

namespace OdeGen;

/// <summary>
/// One step of an explicit Runge–Kutta method given by a <see cref="ButcherTableau"/> (HNW I, Sect. II.1, eq. (1.8)):
/// <c>k_i = f(t + c_i h, y0 + h Σ_{j&lt;i} a_ij k_j)</c>, <c>y1 = y0 + h Σ b_i k_i</c>. All work buffers are
/// allocated once in the constructor. Stage slots are kept after the step so that callers (the driver,
/// dense output, a discrete adjoint) can read them: slots <c>0 … s-1</c> are the stages, slot
/// <see cref="F1Slot"/> holds <c>f(t + h, y1)</c> after <see cref="CompleteStep{TRhs}"/>, and extra dense-output
/// stages (DOP853) follow.
/// </summary>
internal sealed class ExplicitRungeKuttaStepper
{
    private readonly ButcherTableau _tableau;
    private readonly int _n;
    private readonly int _s;
    private readonly int _slots;
    private readonly double[] _k;
    private readonly double[] _ytmp;
    private readonly double[] _err;

    public ExplicitRungeKuttaStepper(ButcherTableau tableau, int n)
    {
        _tableau = tableau;
        _n = n;
        _s = tableau.Stages;
        F1Slot = tableau.IsFsal ? _s - 1 : _s;
        _slots = Math.Max(F1Slot + 1, tableau.DenseStageSlots);
        _k = new double[_slots * n];
        _ytmp = new double[n];
        _err = new double[n];
    }

    /// <summary>The tableau being stepped.</summary>
    public ButcherTableau Tableau => _tableau;

    /// <summary>Slot holding <c>f(t + h, y1)</c> once the step is complete.</summary>
    public int F1Slot { get; }

    /// <summary>Evaluations of <c>f</c> made by <see cref="Step{TRhs}"/> (stages 2 … s).</summary>
    public int EvaluationsPerStep => _s - 1;

    /// <summary>The component of the first NaN or ∞ among the last step's stages, and its value; -1 when all are finite.</summary>
    public int FirstNonFiniteStage(out double value)
    {
        int flat = NonFinite.First(_k);
        value = flat >= 0 ? _k[flat] : 0;
        return flat >= 0 ? flat % _n : -1;
    }

    /// <summary>Stage slot <paramref name="slot"/> (<c>k_{slot+1}</c> in 1-based notation).</summary>
    public Span<double> Stage(int slot) => _k.AsSpan(slot * _n, _n);

    /// <summary><c>f(t, y0)</c> at the start of the step; the caller fills it before the first step.</summary>
    public Span<double> F0 => _k.AsSpan(0, _n);

    /// <summary>
    /// Computes stages 2 … s and <paramref name="y1"/> from <paramref name="y0"/>; slot 0 must hold <c>f(t, y0)</c>.
    /// </summary>
    public void Step<TRhs>(ref TRhs rhs, double t, ReadOnlySpan<double> y0, double h, Span<double> y1)
        where TRhs : struct, IRightHandSide
    {
        for (int i = 1; i < _s; i++)
        {
            Combine(y0, h, _tableau.ARow(i), i, _ytmp);
            rhs.Evaluate(t + _tableau.C[i] * h, _ytmp, Stage(i));
        }
        if (_tableau.IsFsal)
        {
            // The last stage was evaluated at y1 itself: reuse its input exactly.
            _ytmp.AsSpan().CopyTo(y1);
        }
        else
        {
            Combine(y0, h, _tableau.B, _s, y1);
        }
    }

    /// <summary>
    /// Hairer's scaled error of the last step (<see cref="ErrorNorm"/>); DOP853 combines its 5th- and 3rd-order estimates.
    /// Only the first <paramref name="components"/> components count (0: all; see <see cref="SolverOptions.ErrorNormComponents"/>).
    /// </summary>
    public double Error(double h, ReadOnlySpan<double> y0, ReadOnlySpan<double> y1, double atol, double rtol, int components = 0)
    {
        int q = components > 0 && components < _n ? components : _n;
        var e5 = _tableau.ErrorWeights;
        var e3 = _tableau.ErrorWeights3;
        if (e3 is null)
        {
            WeightedStageSum(e5, _s, _err);
            for (int i = 0; i < _n; i++) _err[i] *= h;
            return ErrorNorm.Rms(_err.AsSpan(0, q), y0.Slice(0, q), y1.Slice(0, q), atol, rtol);
        }
        // HNW I, Sect. II.10 / dop853.f: err = |h| err5² / sqrt(n (err5² + 0.01 err3²)), sums of squares.
        double err5 = 0, err3 = 0;
        for (int i = 0; i < q; i++)
        {
            double a = 0, b = 0;
            for (int j = 0; j < _s; j++)
            {
                double kj = _k[j * _n + i];
                a += e5[j] * kj;
                b += e3[j] * kj;
            }
            double sk = ErrorNorm.Scale(atol, rtol, y0[i], y1[i]);
            err5 += (a / sk) * (a / sk);
            err3 += (b / sk) * (b / sk);
        }
        double deno = err5 + 0.01 * err3;
        if (deno <= 0.0) deno = 1.0;
        return Math.Abs(h) * err5 * Math.Sqrt(1.0 / (q * deno));
    }

    /// <summary>
    /// Makes sure slot <see cref="F1Slot"/> holds <c>f(t1, y1)</c>; returns the evaluations used (0 for FSAL methods).
    /// </summary>
    public int CompleteStep<TRhs>(ref TRhs rhs, double t1, ReadOnlySpan<double> y1)
        where TRhs : struct, IRightHandSide
    {
        if (_tableau.IsFsal) return 0;
        rhs.Evaluate(t1, y1, Stage(F1Slot));
        return 1;
    }

    /// <summary>
    /// Writes the step's interpolant coefficients (<see cref="ButcherTableau.DenseCoefficients"/> vectors) after
    /// <see cref="CompleteStep{TRhs}"/>; returns the extra evaluations used (3 for DOP853, else 0).
    /// </summary>
    public int BuildDense<TRhs>(ref TRhs rhs, double t, double h, ReadOnlySpan<double> y0, ReadOnlySpan<double> y1, Span<double> coefficients)
        where TRhs : struct, IRightHandSide
    {
        int evaluations = 0;
        var extraA = _tableau.ExtraA;
        var extraC = _tableau.ExtraC;
        if (extraA is not null && extraC is not null)
        {
            int first = _slots - extraA.Length;
            for (int r = 0; r < extraA.Length; r++)
            {
                Combine(y0, h, extraA[r], extraA[r].Length, _ytmp);
                rhs.Evaluate(t + extraC[r] * h, _ytmp, Stage(first + r));
                evaluations++;
            }
        }
        int m = _tableau.DenseCoefficients;
        int leading;
        if (_tableau.DenseForm == DenseForm.Power)
        {
            y0.CopyTo(coefficients);
            leading = 1;
        }
        else
        {
            DenseOutput.Hermite(y0, y1, F0, Stage(F1Slot), h, coefficients);
            leading = 4;
        }
        var w = _tableau.DenseWeights;
        if (w is not null)
        {
            int slots = _tableau.DenseStageSlots;
            for (int r = leading; r < m; r++)
            {
                var target = coefficients.Slice(r * _n, _n);
                WeightedStageSum(w.AsSpan((r - leading) * slots, slots), slots, target);
                for (int i = 0; i < _n; i++) target[i] *= h;
            }
        }
        return evaluations;
    }

    /// <summary>Moves <c>f(t1, y1)</c> into slot 0 for the next step (first same as last).</summary>
    public void Advance()
    {
        if (F1Slot != 0) Stage(F1Slot).CopyTo(F0);
    }

    /// <summary><c>target = y0 + h Σ_{j&lt;count} w_j k_j</c>, skipping zero weights.</summary>
    private void Combine(ReadOnlySpan<double> y0, double h, ReadOnlySpan<double> w, int count, Span<double> target)
    {
        y0.CopyTo(target);
        for (int j = 0; j < count; j++)
        {
            double hw = h * w[j];
            if (hw == 0.0) continue;
            var kj = _k.AsSpan(j * _n, _n);
            for (int i = 0; i < target.Length; i++) target[i] += hw * kj[i];
        }
    }

    /// <summary><c>target = Σ_{j&lt;count} w_j k_j</c>.</summary>
    private void WeightedStageSum(ReadOnlySpan<double> w, int count, Span<double> target)
    {
        target.Clear();
        for (int j = 0; j < count; j++)
        {
            double wj = w[j];
            if (wj == 0.0) continue;
            var kj = _k.AsSpan(j * _n, _n);
            for (int i = 0; i < target.Length; i++) target[i] += wj * kj[i];
        }
    }
}
