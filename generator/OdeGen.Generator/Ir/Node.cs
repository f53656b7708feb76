using System;

namespace OdeGen.Generator.Ir;

/// <summary>
/// One SSA value. Arguments are node ids (-1 where absent). <see cref="Value"/> holds a constant,
/// <see cref="Index"/> the element of a leaf (y[Index], p[Index], ...). <see cref="Scope"/> is the region
/// the node is defined in: 0 for the method body, otherwise a branch of an If. <see cref="Name"/> is a
/// naming hint for the emitted variable (the user's local, or a derived name such as <c>xDot</c>).
/// </summary>
internal sealed record Node(Op Op, int A, int B, int C, double Value, int Index, int Scope, string? Name)
{
    public int Arg(int slot) => slot switch { 0 => A, 1 => B, 2 => C, _ => throw new ArgumentOutOfRangeException(nameof(slot)) };

    public bool IsConst => Op == Op.Const;

    public bool IsConstValue(double value) => Op == Op.Const && Value.Equals(value);

    /// <summary>The key under which equal computations are shared (common-subexpression elimination).</summary>
    public (Op, int, int, int, long, int) Key => (Op, A, B, C, BitConverter.DoubleToInt64Bits(Value), Index);
}
