namespace OdeGen.Training.Tests.Training;

public class ClassificationTests
{
    // Three samples, three classes: predicted 2, 0 (a tie between 0 and 1 goes to the first) and 1.
    private static readonly double[] Logits = [0.1, 0.2, 0.9, 1.0, 1.0, -1.0, -2.0, 3.0, 0.0];

    [Fact]
    public void Predicted_is_the_first_largest_logit()
    {
        Assert.Equal(2, Classification.Predicted(Logits.AsSpan(0, 3)));
        Assert.Equal(0, Classification.Predicted(Logits.AsSpan(3, 3)));
        Assert.Contains("NaN", Assert.Throws<ArgumentException>(() => Classification.Predicted([0, double.NaN])).Message);
    }

    [Fact]
    public void Accuracy_and_error_rate_count_the_rows_at_their_labels()
    {
        int[] labels = [2, 1, 1];
        Assert.Equal(2, Classification.Correct(Logits, labels));
        Assert.Equal(2.0 / 3, Classification.Accuracy(Logits, labels), 15);
        Assert.Equal(1.0 / 3, Classification.ErrorRate(Logits, labels), 15);
        Assert.Throws<ArgumentException>(() => Classification.Correct(Logits, [0, 3, 1]));
        Assert.Throws<ArgumentException>(() => Classification.Correct(Logits.AsSpan(0, 8), labels));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(10)]
    public void Evaluation_in_batches_equals_the_whole_set_at_once(int batchSize)
    {
        int[] labels = [2, 1, 1];
        var seen = new System.Collections.Generic.List<int>();
        var score = Classification.Evaluate(labels, 3, batchSize, (indices, logits) =>
        {
            Assert.True(indices.Length <= batchSize);
            for (int row = 0; row < indices.Length; row++)
            {
                seen.Add(indices[row]);
                Logits.AsSpan(3 * indices[row], 3).CopyTo(logits.Slice(3 * row, 3));
            }
        });

        Assert.Equal([0, 1, 2], seen);
        Assert.Equal(2, score.Correct);
        Assert.Equal(3, score.Count);
        Assert.Equal(CrossEntropy.Value(Logits, labels), score.MeanLoss, 14);
        Assert.Equal(1.0 / 3, score.ErrorRate, 15);
    }
}
