using System;

namespace OdeGen;

/// <summary>
/// Finding NaN and ∞ in a vector, and saying where, for <see cref="OdeSolverFailure.NonFiniteState"/>: the
/// failure names the component that went non-finite, so a user can find the term of the dynamics that made it.
/// </summary>
internal static class NonFinite
{
    /// <summary>The index of the first NaN or ∞ in <paramref name="values"/>, or -1.</summary>
    public static int First(ReadOnlySpan<double> values)
    {
        for (int i = 0; i < values.Length; i++)
            if (!double.IsFinite(values[i])) return i;
        return -1;
    }

    /// <summary>What a NaN or ∞ inside the dynamics usually comes from, for the end of a failure message.</summary>
    public const string LikelyCause =
        "the dynamics or their derivatives are NaN or ∞ there (for example the square root or logarithm of a negative value, a division by zero, an infinite derivative such as that of √y at y = 0, or an overflow)";
}
