using System;

namespace OdeGen.Cli.Sparsity;

/// <summary>
/// Draws a <see cref="SparsityPattern"/> as a picture: one square cell per entry, filled where the entry can be
/// non-zero, with thin grid lines between cells.
/// </summary>
internal static class SparsityImage
{
    /// <summary>Colour of an entry that can be non-zero.</summary>
    public static readonly (byte R, byte G, byte B) NonZero = (31, 78, 121);

    /// <summary>Colour of a structural zero.</summary>
    public static readonly (byte R, byte G, byte B) Zero = (255, 255, 255);

    /// <summary>Colour of the grid lines.</summary>
    public static readonly (byte R, byte G, byte B) Grid = (200, 200, 200);

    /// <summary>Side of a cell in pixels, grid line included: large for small matrices, at least 3 for large ones.</summary>
    public static int CellSize(SparsityPattern pattern) =>
        Math.Clamp(480 / Math.Max(1, Math.Max(pattern.Rows, pattern.Columns)), 3, 32);

    /// <summary>The picture as PNG bytes.</summary>
    public static byte[] ToPng(SparsityPattern pattern)
    {
        int cell = CellSize(pattern);
        int width = Math.Max(1, pattern.Columns) * cell + 1;
        int height = Math.Max(1, pattern.Rows) * cell + 1;
        var rgb = new byte[width * height * 3];
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                var colour = x % cell == 0 || y % cell == 0 ? Grid
                    : y / cell < pattern.Rows && x / cell < pattern.Columns && pattern.IsNonZero(y / cell, x / cell) ? NonZero
                    : Zero;
                int at = (y * width + x) * 3;
                rgb[at] = colour.R;
                rgb[at + 1] = colour.G;
                rgb[at + 2] = colour.B;
            }
        }
        return PngEncoder.Encode(width, height, rgb);
    }
}
