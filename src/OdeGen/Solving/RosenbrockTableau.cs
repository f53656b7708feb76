using System;

namespace OdeGen;

/// <summary>
/// Coefficients of a Rosenbrock method in the transformed form of HNW II, Sect. IV.7, eqs. (7.25)-(7.26)
/// (the form of Hairer's rodas.f): with <c>M = I/(γh) - J</c>,
/// <c>M k_i = f(t + c_i h, y0 + Σ a_ij k_j) + h d_i f_t + Σ (C_ij / h) k_j</c>, <c>y1 = y0 + Σ b_j k_j</c>,
/// error estimate <c>Σ e_j k_j</c>; dense output <c>kd_r = Σ H_rj k_j</c> in the form
/// <c>(1-θ) y0 + θ (y1 + (1-θ)(kd_1 + θ (kd_2 + θ kd_3)))</c>.
/// </summary>
internal sealed class RosenbrockTableau
{
    public RosenbrockTableau(string name, int order, double gamma, double[] c, double[] d, double[][] a, double[][] cc,
        double[] b, double[] e, double[][] h)
    {
        Name = name;
        Order = order;
        Gamma = gamma;
        Stages = c.Length;
        C = c;
        D = d;
        B = b;
        E = e;
        A = ButcherTableau.Flatten(name, a, RowSums(a), Stages);
        Cij = new double[Stages * Stages];
        for (int i = 0; i < cc.Length; i++)
            for (int j = 0; j < cc[i].Length; j++)
            {
                if (j >= i) throw new ArgumentException($"{name}: C is not strictly lower triangular at ({i}, {j}).", nameof(cc));
                Cij[i * Stages + j] = cc[i][j];
            }
        if (d.Length != Stages || b.Length != Stages || e.Length != Stages)
            throw new ArgumentException($"{name}: d, b and e need {Stages} entries.");
        H = new double[h.Length * Stages];
        for (int r = 0; r < h.Length; r++) h[r].CopyTo(H, r * Stages);
        DenseRows = h.Length;
    }

    public string Name { get; }
    public int Order { get; }
    public double Gamma { get; }
    public int Stages { get; }
    public double[] C { get; }
    public double[] D { get; }
    public double[] A { get; }
    public double[] Cij { get; }
    public double[] B { get; }
    public double[] E { get; }
    public double[] H { get; }
    public int DenseRows { get; }

    private static double[] RowSums(double[][] a)
    {
        var sums = new double[a.Length];
        for (int i = 0; i < a.Length; i++) foreach (double v in a[i]) sums[i] += v;
        return sums;
    }
}
