using System;
using System.Numerics.Tensors;

namespace OdeGen;

/// <summary>
/// The reverse (transposed linearization) of one Rosenbrock step in the transformed form of
/// <see cref="RosenbrockTableau"/>, with <c>h</c> held constant:
/// <c>U_i = y0 + Σ_{j&lt;i} a_ij k_j</c>, <c>M k_i = r_i</c>,
/// <c>r_i = f(t + c_i h, U_i) + h d_i f_t(t, y0) + Σ_{j&lt;i} (C_ij / h) k_j</c>, <c>M = I/(γh) - J(t, y0)</c>,
/// <c>y1 = y0 + Σ b_j k_j</c>. Given <c>λ = ∂L/∂y1</c>, stage by stage from the last:
/// <c>r̄_i = M⁻ᵀ k̄_i</c> (with <c>k̄_i = b_i λ</c> plus what later stages added); the f term gives
/// <c>Ū_i = (∂f/∂y)(U_i)ᵀ r̄_i</c>, which goes to <c>y0</c> and to <c>k̄_j += a_ij Ū_i</c>, and <c>p̄ += (∂f/∂p)(U_i)ᵀ r̄_i</c>;
/// <c>k̄_j += (C_ij / h) r̄_i</c>. Since <c>dk_i = M⁻¹(dr_i + dJ k_i)</c>, the Jacobian gives <c>r̄_iᵀ (dJ) k_i</c>: the
/// second-order product <see cref="IOdeSystem.JvpVjp(double, ReadOnlySpan{double}, ReadOnlySpan{double}, ReadOnlySpan{double}, ReadOnlySpan{double}, double, ReadOnlySpan{double}, Span{double}, Span{double}, Span{double})"/>
/// with <c>vy = k_i</c>, <c>w = r̄_i</c>; and <c>f_t</c> gives the same product with <c>vt = 1</c>, <c>w = Σ h d_i r̄_i</c>.
/// This is the discrete adjoint of Rosenbrock methods (Sandu, Daescu, Carmichael, Chai, "Adjoint sensitivity analysis
/// of regional air quality models", J. Comput. Phys. 204 (2005) 222, Sect. 4; Zhang and Sandu, "FATODE", SIAM J. Sci.
/// Comput. 36 (2014) C504). The step is recomputed from <c>y0</c> with the forward stepper, so it has the forward
/// solve's bits. Buffers are allocated once.
/// </summary>
internal sealed class RosenbrockStepAdjoint : IStepAdjoint
{
    private readonly RosenbrockTableau _tableau;
    private readonly RosenbrockStepper _stepper;
    private readonly int _n;
    private readonly int _s;
    private readonly double[] _y1;
    private readonly double[] _stageState;
    private readonly double[] _kBar;
    private readonly double[] _rBar;
    private readonly double[] _timeWeight;
    private readonly double[] _yBar;
    private readonly double[] _hy;
    private readonly double[] _pBar;
    private readonly double[] _zeroP;
    private readonly double[] _zeroY;

    /// <param name="tableau">the Rosenbrock method's coefficients.</param>
    /// <param name="n">the state's size.</param>
    /// <param name="m">the parameters' size.</param>
    /// <param name="refineStages">as the forward solve's stepper, so that the recomputed step has its bits.</param>
    public RosenbrockStepAdjoint(RosenbrockTableau tableau, int n, int m, bool refineStages)
    {
        _tableau = tableau;
        _stepper = new RosenbrockStepper(tableau, n, refineStages);
        _n = n;
        _s = tableau.Stages;
        _y1 = new double[n];
        _stageState = new double[n];
        _kBar = new double[_s * n];
        _rBar = new double[n];
        _timeWeight = new double[n];
        _yBar = new double[n];
        _hy = new double[n];
        _pBar = new double[m];
        _zeroP = new double[m];
        _zeroY = new double[n];
    }

    public int JacobiansPerStep => 1;

    /// <summary>
    /// Replaces <paramref name="lambda"/> = ∂L/∂y1 by ∂L/∂y0 for the step of size <paramref name="h"/> from
    /// (<paramref name="t"/>, <paramref name="y0"/>) and adds its ∂L/∂p to <paramref name="pBar"/>; returns the
    /// evaluations used (the step's recomputation, one VJP and one second-order product per stage, one more for f_t).
    /// </summary>
    public int Reverse<TSystem>(in TSystem system, double[] p, double t, double h, ReadOnlySpan<double> y0,
        Span<double> lambda, Span<double> pBar)
        where TSystem : IOdeSystem
    {
        int n = _n, s = _s;
        var tab = _tableau;
        var rhs = new SystemRightHandSide<TSystem>(system, p, _zeroP);
        // The forward step again: J, f_t, M's factors and the stages k_i.
        rhs.Evaluate(t, y0, _stepper.F0);
        _stepper.UpdateJacobian(ref rhs, t, y0);
        if (!_stepper.Factor(h)) throw new InvalidOperationException($"the iteration matrix of the step from t = {t} (h = {h}) is singular, though the forward solve factorized it.");
        _stepper.Step(ref rhs, t, y0, h, _y1);
        int evaluations = s;

        for (int i = 0; i < s; i++)
        {
            var kBar = _kBar.AsSpan(i * n, n);
            double b = tab.B[i];
            for (int l = 0; l < n; l++) kBar[l] = b * lambda[l];
        }
        Array.Clear(_timeWeight);
        bool timeTerm = false;
        for (int i = s - 1; i >= 0; i--)
        {
            // r̄_i = M⁻ᵀ k̄_i.
            _kBar.AsSpan(i * n, n).CopyTo(_rBar);
            if (IsZero(_rBar)) continue;
            _stepper.SolveTransposed(_rBar);

            // The f term at U_i = y0 + Σ a_ij k_j.
            _stepper.StageState(i, y0, _stageState);
            system.Vjp(t + tab.C[i] * h, _stageState, p, _rBar, Span<double>.Empty, _yBar, _pBar);
            evaluations++;
            TensorPrimitives.Add(pBar, _pBar, pBar);
            for (int l = 0; l < n; l++) lambda[l] += _yBar[l];
            for (int j = 0; j < i; j++)
            {
                double a = tab.A[i * s + j];
                if (a == 0.0) continue;
                var kBarJ = _kBar.AsSpan(j * n, n);
                for (int l = 0; l < n; l++) kBarJ[l] += a * _yBar[l];
            }

            // The C_ij / h k_j terms and the h d_i f_t term.
            for (int j = 0; j < i; j++)
            {
                double c = tab.Cij[i * s + j] / h;
                if (c == 0.0) continue;
                var kBarJ = _kBar.AsSpan(j * n, n);
                for (int l = 0; l < n; l++) kBarJ[l] += c * _rBar[l];
            }
            double hd = h * tab.D[i];
            if (hd != 0.0)
            {
                timeTerm = true;
                for (int l = 0; l < n; l++) _timeWeight[l] += hd * _rBar[l];
            }

            // The Jacobian's term r̄_iᵀ (dJ) k_i, J at (t, y0).
            system.JvpVjp(t, y0, p, _stepper.Stage(i), _zeroP, 0.0, _rBar, Span<double>.Empty, _hy, _pBar);
            evaluations++;
            for (int l = 0; l < n; l++) lambda[l] += _hy[l];
            TensorPrimitives.Add(pBar, _pBar, pBar);
        }
        if (timeTerm)
        {
            system.JvpVjp(t, y0, p, _zeroY, _zeroP, 1.0, _timeWeight, Span<double>.Empty, _hy, _pBar);
            evaluations++;
            for (int l = 0; l < n; l++) lambda[l] += _hy[l];
            TensorPrimitives.Add(pBar, _pBar, pBar);
        }
        return evaluations;
    }

    private static bool IsZero(ReadOnlySpan<double> v)
    {
        foreach (double x in v)
            if (x != 0.0) return false;
        return true;
    }
}
