using System.Collections.Generic;
using System.Linq;
using OdeGen.Generator.Model;

namespace OdeGen.Generator.Emission;

/// <summary>
/// Groups the columns of a sparse Jacobian so that no two columns of a group have a non-zero in the same row: one
/// JVP seeded with the sum of a group's unit vectors then gives every column of the group (Curtis, Powell and Reid,
/// "On the estimation of sparse Jacobian matrices", 1974). Greedy, column by column, each taking the first group none
/// of its row-neighbours has: a tridiagonal pattern needs 3 groups for any size.
/// </summary>
internal sealed class ColumnColoring
{
    private ColumnColoring(int[] colors, int count, int[] columnStarts, int[] columnRows)
    {
        Colors = colors;
        Count = count;
        ColumnStarts = columnStarts;
        ColumnRows = columnRows;
    }

    /// <summary>The group of each column.</summary>
    public int[] Colors { get; }

    /// <summary>How many groups, so how many JVPs.</summary>
    public int Count { get; }

    /// <summary>Column j's rows are <c>ColumnRows[ColumnStarts[j] .. ColumnStarts[j + 1]]</c> (compressed columns).</summary>
    public int[] ColumnStarts { get; }

    public int[] ColumnRows { get; }

    public static ColumnColoring Of(EquatableArray<EquatableArray<int>> rows, int columns)
    {
        var rowsOfColumn = Enumerable.Range(0, columns).Select(_ => new List<int>()).ToArray();
        for (int i = 0; i < rows.Count; i++)
        {
            foreach (int j in rows[i]) rowsOfColumn[j].Add(i);
        }

        var colors = new int[columns];
        int count = 0;
        var taken = new HashSet<int>();
        for (int j = 0; j < columns; j++)
        {
            taken.Clear();
            foreach (int i in rowsOfColumn[j])
            {
                foreach (int other in rows[i])
                {
                    if (other < j) taken.Add(colors[other]);
                }
            }
            int color = 0;
            while (taken.Contains(color)) color++;
            colors[j] = color;
            if (color + 1 > count) count = color + 1;
        }

        var starts = new int[columns + 1];
        for (int j = 0; j < columns; j++) starts[j + 1] = starts[j] + rowsOfColumn[j].Count;
        return new ColumnColoring(colors, count, starts, rowsOfColumn.SelectMany(r => r).ToArray());
    }
}
