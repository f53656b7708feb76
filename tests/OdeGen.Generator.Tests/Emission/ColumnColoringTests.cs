using System.Linq;
using OdeGen.Generator.Emission;
using OdeGen.Generator.Model;

namespace OdeGen.Generator.Tests.Emission;

/// <summary>The column groups of a colored JacobianY: no two columns of a group share a row, and few groups.</summary>
public class ColumnColoringTests
{
    private static EquatableArray<EquatableArray<int>> Rows(params int[][] rows) => rows.Select(r => r.ToEquatableArray()).ToEquatableArray();

    private static void AssertValid(EquatableArray<EquatableArray<int>> rows, ColumnColoring coloring)
    {
        foreach (var row in rows)
        {
            var colors = row.Select(j => coloring.Colors[j]).ToList();
            Assert.Equal(colors.Count, colors.Distinct().Count());
        }
        Assert.Equal(coloring.Count, coloring.Colors.Max() + 1);
    }

    [Fact]
    public void ATridiagonalPatternTakesThreeGroupsAtAnySize()
    {
        foreach (int n in new[] { 3, 10, 500 })
        {
            var rows = Rows(Enumerable.Range(0, n).Select(i => Enumerable.Range(i - 1, 3).Where(j => j >= 0 && j < n).ToArray()).ToArray());
            var coloring = ColumnColoring.Of(rows, n);
            AssertValid(rows, coloring);
            Assert.Equal(3, coloring.Count);
        }
    }

    [Fact]
    public void ADensePatternTakesOneGroupPerColumn()
    {
        var rows = Rows(new[] { 0, 1, 2 }, new[] { 0, 1, 2 }, new[] { 0, 1, 2 });
        Assert.Equal(3, ColumnColoring.Of(rows, 3).Count);
    }

    [Fact]
    public void TheCompressedColumnsListEveryNonZero()
    {
        var rows = Rows(new[] { 0, 2 }, new int[0], new[] { 1, 2 });
        var coloring = ColumnColoring.Of(rows, 3);
        AssertValid(rows, coloring);
        Assert.Equal(new[] { 0, 1, 2, 4 }, coloring.ColumnStarts);
        Assert.Equal(new[] { 0, 2, 0, 2 }, coloring.ColumnRows);
        // Columns 0 and 1 share no row: one group.
        Assert.Equal(coloring.Colors[0], coloring.Colors[1]);
    }

    [Fact]
    public void RandomPatternsAreColoredValidly()
    {
        var random = new System.Random(3);
        for (int trial = 0; trial < 200; trial++)
        {
            int n = 1 + random.Next(30);
            var rows = Rows(Enumerable.Range(0, n).Select(_ => Enumerable.Range(0, n).Where(_ => random.NextDouble() < 0.2).ToArray()).ToArray());
            AssertValid(rows, ColumnColoring.Of(rows, n));
        }
    }
}
