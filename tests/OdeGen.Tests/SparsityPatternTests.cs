namespace OdeGen.Tests;

public class SparsityPatternTests
{
    [Fact]
    public void FromRowsAnswersMembershipAndCounts()
    {
        var pattern = SparsityPattern.FromRows(3, new[] { 1, 0 }, new int[0], new[] { 2 });
        Assert.Equal(3, pattern.Rows);
        Assert.Equal(3, pattern.Columns);
        Assert.Equal(3, pattern.NonZeroCount);
        Assert.True(pattern.IsNonZero(0, 0));
        Assert.True(pattern.IsNonZero(0, 1));
        Assert.False(pattern.IsNonZero(0, 2));
        Assert.False(pattern.IsNonZero(1, 1));
        Assert.True(pattern.IsNonZero(2, 2));
        Assert.Equal(new[] { 0, 1 }, pattern.ColumnsOf(0).ToArray());
    }

    [Fact]
    public void RejectsOutOfRangeAndRepeatedColumns()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => SparsityPattern.FromRows(2, new[] { 2 }));
        Assert.Throws<ArgumentException>(() => SparsityPattern.FromRows(2, new[] { 1, 1 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => SparsityPattern.Dense(2, 2).IsNonZero(2, 0));
    }

    [Fact]
    public void BlockDiagonalRepeatsTheBlockAlongTheDiagonal()
    {
        var block = SparsityPattern.FromRows(2, new[] { 0, 1 }, new[] { 1 });
        var big = block.BlockDiagonal(3);
        Assert.Equal(6, big.Rows);
        Assert.Equal(9, big.NonZeroCount);
        for (int i = 0; i < 6; i++)
            for (int j = 0; j < 6; j++)
                Assert.Equal(i / 2 == j / 2 && block.IsNonZero(i % 2, j % 2), big.IsNonZero(i, j));
    }

    [Fact]
    public void DenseHasEveryEntryAndDrawsAsText()
    {
        var dense = SparsityPattern.Dense(2, 3);
        Assert.Equal(6, dense.NonZeroCount);
        Assert.Equal("███\n███\n", dense.ToString());
        Assert.Equal("█·\n·█\n", SparsityPattern.FromRows(2, new[] { 0 }, new[] { 1 }).ToString());
    }
}
