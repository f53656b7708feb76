using System.Globalization;

namespace OdeGen.Generator.Emission;

internal static class Literals
{
    /// <summary>A double as a C# literal that reads back to the same bits, in the invariant culture.</summary>
    public static string Double(double value)
    {
        if (double.IsNaN(value)) return "double.NaN";
        if (double.IsPositiveInfinity(value)) return "double.PositiveInfinity";
        if (double.IsNegativeInfinity(value)) return "double.NegativeInfinity";
        string text = value.ToString("R", CultureInfo.InvariantCulture);
        if (text.IndexOf('.') < 0 && text.IndexOf('E') < 0) text += ".0";
        if (value == 0 && System.BitConverter.DoubleToInt64Bits(value) < 0) text = "-0.0";
        return text;
    }

    public static string Int(int value) => value.ToString(CultureInfo.InvariantCulture);
}
