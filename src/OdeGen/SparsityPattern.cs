using System;
using System.Collections.Generic;

namespace OdeGen;

/// <summary>
/// The structurally non-zero entries of a <c>Rows x Columns</c> matrix, stored row by row
/// (compressed sparse row: <see cref="RowStarts"/> and <see cref="ColumnIndices"/>, columns sorted in each row).
/// </summary>
public sealed class SparsityPattern
{
    private readonly int[] _rowStarts;
    private readonly int[] _columnIndices;

    private SparsityPattern(int rows, int columns, int[] rowStarts, int[] columnIndices)
    {
        Rows = rows;
        Columns = columns;
        _rowStarts = rowStarts;
        _columnIndices = columnIndices;
    }

    /// <summary>Number of rows.</summary>
    public int Rows { get; }

    /// <summary>Number of columns.</summary>
    public int Columns { get; }

    /// <summary>Number of structurally non-zero entries.</summary>
    public int NonZeroCount => _columnIndices.Length;

    /// <summary>Row <c>i</c>'s entries are <c>ColumnIndices[RowStarts[i] .. RowStarts[i + 1]]</c>.</summary>
    public ReadOnlySpan<int> RowStarts => _rowStarts;

    /// <summary>Column of each non-zero entry, row by row, ascending within a row.</summary>
    public ReadOnlySpan<int> ColumnIndices => _columnIndices;

    /// <summary>Whether entry (<paramref name="row"/>, <paramref name="column"/>) can be non-zero.</summary>
    public bool IsNonZero(int row, int column)
    {
        if ((uint)row >= (uint)Rows) throw new ArgumentOutOfRangeException(nameof(row));
        if ((uint)column >= (uint)Columns) throw new ArgumentOutOfRangeException(nameof(column));
        return Array.BinarySearch(_columnIndices, _rowStarts[row], _rowStarts[row + 1] - _rowStarts[row], column) >= 0;
    }

    /// <summary>The columns that can be non-zero in <paramref name="row"/>.</summary>
    public ReadOnlySpan<int> ColumnsOf(int row)
    {
        if ((uint)row >= (uint)Rows) throw new ArgumentOutOfRangeException(nameof(row));
        return _columnIndices.AsSpan(_rowStarts[row], _rowStarts[row + 1] - _rowStarts[row]);
    }

    /// <summary>A pattern given row by row: <paramref name="rows"/>[i] lists the non-zero columns of row i.</summary>
    public static SparsityPattern FromRows(int columns, params int[][] rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (columns < 0) throw new ArgumentOutOfRangeException(nameof(columns));
        var rowStarts = new int[rows.Length + 1];
        var entries = new List<int>();
        for (int i = 0; i < rows.Length; i++)
        {
            var sorted = (int[])rows[i].Clone();
            Array.Sort(sorted);
            for (int k = 0; k < sorted.Length; k++)
            {
                if ((uint)sorted[k] >= (uint)columns)
                    throw new ArgumentOutOfRangeException(nameof(rows), $"Row {i} names column {sorted[k]}, outside 0..{columns - 1}.");
                if (k > 0 && sorted[k] == sorted[k - 1])
                    throw new ArgumentException($"Row {i} names column {sorted[k]} twice.", nameof(rows));
                entries.Add(sorted[k]);
            }
            rowStarts[i + 1] = entries.Count;
        }
        return new SparsityPattern(rows.Length, columns, rowStarts, entries.ToArray());
    }

    /// <summary>Every entry of a <paramref name="rows"/> x <paramref name="columns"/> matrix.</summary>
    public static SparsityPattern Dense(int rows, int columns)
    {
        if (rows < 0) throw new ArgumentOutOfRangeException(nameof(rows));
        if (columns < 0) throw new ArgumentOutOfRangeException(nameof(columns));
        var rowStarts = new int[rows + 1];
        var columnIndices = new int[rows * columns];
        for (int i = 0; i < rows; i++)
        {
            rowStarts[i + 1] = (i + 1) * columns;
            for (int j = 0; j < columns; j++) columnIndices[i * columns + j] = j;
        }
        return new SparsityPattern(rows, columns, rowStarts, columnIndices);
    }

    /// <summary>The pattern of a block-diagonal matrix made of <paramref name="blocks"/> copies of this one.</summary>
    public SparsityPattern BlockDiagonal(int blocks)
    {
        if (blocks < 1) throw new ArgumentOutOfRangeException(nameof(blocks));
        var rowStarts = new int[Rows * blocks + 1];
        var columnIndices = new int[NonZeroCount * blocks];
        int n = 0;
        for (int b = 0; b < blocks; b++)
        {
            for (int i = 0; i < Rows; i++)
            {
                foreach (int j in ColumnsOf(i)) columnIndices[n++] = b * Columns + j;
                rowStarts[b * Rows + i + 1] = n;
            }
        }
        return new SparsityPattern(Rows * blocks, Columns * blocks, rowStarts, columnIndices);
    }

    /// <summary>Draws the pattern as text, one line per row: <c>█</c> for a possible non-zero, <c>·</c> otherwise.</summary>
    public override string ToString()
    {
        var text = new System.Text.StringBuilder();
        for (int i = 0; i < Rows; i++)
        {
            for (int j = 0; j < Columns; j++) text.Append(IsNonZero(i, j) ? '█' : '·');
            text.Append('\n');
        }
        return text.ToString();
    }
}
