using System;
using System.Numerics.Tensors;

namespace OdeGen;

/// <summary>
/// The reverse (transposed linearization) of one explicit Runge–Kutta step
/// <c>Y_i = y0 + h Σ_{j&lt;i} a_ij k_j</c>, <c>k_i = f(t + c_i h, Y_i)</c>, <c>y1 = y0 + h Σ b_i k_i</c> with <c>h</c> held
/// constant (Hager, "Runge–Kutta methods in optimal control and the transformed adjoint system", Numer. Math. 87
/// (2000); Sandu, "On the properties of Runge–Kutta discrete adjoints", ICCS 2006): given <c>λ = ∂L/∂y1</c>,
/// <c>k̄_i = h b_i λ + h Σ_{j&gt;i} a_ji Ȳ_j</c>, <c>Ȳ_i = (∂f/∂y)(Y_i)ᵀ k̄_i</c>, <c>p̄ += (∂f/∂p)(Y_i)ᵀ k̄_i</c>, and
/// <c>∂L/∂y0 = λ + Σ_i Ȳ_i</c>. The stages are recomputed from <c>y0</c> (no stored stages); one generated
/// <see cref="IOdeSystem.Vjp"/> per stage that carries a cotangent. Buffers are allocated once.
/// </summary>
internal sealed class RungeKuttaStepAdjoint : IStepAdjoint
{
    private readonly ButcherTableau _tableau;
    private readonly int _n;
    private readonly int _s;
    private readonly double[] _stages;
    private readonly double[] _stageStates;
    private readonly double[] _stateCotangents;
    private readonly double[] _kBar;
    private readonly double[] _pBar;
    private readonly bool[] _hasCotangent;
    private readonly bool[] _feedsLater;

    public RungeKuttaStepAdjoint(ButcherTableau tableau, int n, int m)
    {
        _tableau = tableau;
        _n = n;
        _s = tableau.Stages;
        _stages = new double[_s * n];
        _stageStates = new double[_s * n];
        _stateCotangents = new double[_s * n];
        _kBar = new double[n];
        _pBar = new double[m];
        // Structural zeros of the tableau: a stage whose k never reaches y1 (e.g. the FSAL stage, b_s = 0) needs neither
        // its Vjp nor, unless a later stage uses it, its forward evaluation.
        _hasCotangent = new bool[_s];
        _feedsLater = new bool[_s];
        for (int i = _s - 1; i >= 0; i--)
        {
            bool has = tableau.B[i] != 0.0;
            for (int j = i + 1; j < _s; j++)
            {
                if (tableau.A(j, i) == 0.0 || !_hasCotangent[j]) continue;
                has = true;
                _feedsLater[i] = true;
            }
            _hasCotangent[i] = has;
        }
    }

    public int JacobiansPerStep => 0;

    /// <summary>
    /// Replaces <paramref name="lambda"/> = ∂L/∂y1 by ∂L/∂y0 and adds the step's ∂L/∂p to <paramref name="pBar"/>;
    /// returns the evaluations used (forward stage recomputations plus VJPs).
    /// </summary>
    public int Reverse<TSystem>(in TSystem system, double[] p, double t, double h, ReadOnlySpan<double> y0,
        Span<double> lambda, Span<double> pBar)
        where TSystem : IOdeSystem
    {
        int n = _n, s = _s, evaluations = 0;
        var tab = _tableau;
        // Recompute the stage states Y_i (and k_i where a later stage needs it).
        for (int i = 0; i < s; i++)
        {
            if (!_hasCotangent[i]) continue;
            var yi = _stageStates.AsSpan(i * n, n);
            y0.CopyTo(yi);
            for (int j = 0; j < i; j++)
            {
                double ha = h * tab.A(i, j);
                if (ha == 0.0) continue;
                var kj = _stages.AsSpan(j * n, n);
                for (int l = 0; l < n; l++) yi[l] += ha * kj[l];
            }
            if (_feedsLater[i])
            {
                system.Forward(t + tab.C[i] * h, yi, p, _stages.AsSpan(i * n, n));
                evaluations++;
            }
        }
        // Reverse sweep over the stages.
        for (int i = s - 1; i >= 0; i--)
        {
            var yBar = _stateCotangents.AsSpan(i * n, n);
            if (!_hasCotangent[i]) continue;
            double hb = h * tab.B[i];
            for (int l = 0; l < n; l++) _kBar[l] = hb * lambda[l];
            for (int j = i + 1; j < s; j++)
            {
                double ha = h * tab.A(j, i);
                if (ha == 0.0 || !_hasCotangent[j]) continue;
                var yBarJ = _stateCotangents.AsSpan(j * n, n);
                for (int l = 0; l < n; l++) _kBar[l] += ha * yBarJ[l];
            }
            system.Vjp(t + tab.C[i] * h, _stageStates.AsSpan(i * n, n), p, _kBar, Span<double>.Empty, yBar, _pBar);
            evaluations++;
            TensorPrimitives.Add(pBar, _pBar, pBar);
        }
        for (int i = 0; i < s; i++)
        {
            if (!_hasCotangent[i]) continue;
            var yBar = _stateCotangents.AsSpan(i * n, n);
            for (int l = 0; l < n; l++) lambda[l] += yBar[l];
        }
        return evaluations;
    }
}
