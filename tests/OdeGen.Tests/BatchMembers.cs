using OdeGen.Tests.Corpus;

namespace OdeGen.Tests;

/// <summary>
/// Every member a batch of the corpus MLP has, each called at one random point and its outputs returned as one vector:
/// what the batch tests compare between two ways of running the same batch (lanes or copy by copy, one thread or many).
/// </summary>
internal static class BatchMembers
{
    public static System.Collections.Generic.IEnumerable<(string What, Func<BatchedSystem<Mlp.RhsSystem>, double[]> Member)> OfMlp(int batchSize, Random random)
    {
        int n = 2, m = 5 * Mlp.Hidden + 2;
        var y = DerivativeChecks.RandomVector(random, n * batchSize, -2, 2);
        var p = DerivativeChecks.RandomVector(random, m, -0.5, 0.5);
        var vy = DerivativeChecks.RandomVector(random, n * batchSize);
        var vp = DerivativeChecks.RandomVector(random, m);
        var w = DerivativeChecks.RandomVector(random, n * batchSize);
        yield return ("Forward", s => { var dy = new double[n * batchSize]; s.Forward(0.3, y, p, dy); return dy; });
        yield return ("Jvp", s =>
        {
            var dy = new double[n * batchSize];
            var jv = new double[n * batchSize];
            s.Jvp(0.3, y, p, vy, vp, 0.2, dy, jv);
            return dy.Concat(jv).ToArray();
        });
        yield return ("Jvp without dy", s => { var jv = new double[n * batchSize]; s.Jvp(0.3, y, p, vy, vp, 0.2, Span<double>.Empty, jv); return jv; });
        yield return ("Vjp", s =>
        {
            var dy = new double[n * batchSize];
            var wJy = new double[n * batchSize];
            var wJp = new double[m];
            double wJt = s.Vjp(0.3, y, p, w, dy, wJy, wJp);
            return dy.Concat(wJy).Concat(wJp).Append(wJt).ToArray();
        });
        yield return ("VjpAccumulate", s =>
        {
            var wJy = Enumerable.Repeat(1.0, n * batchSize).ToArray();
            var wJp = Enumerable.Repeat(-1.0, m).ToArray();
            double wJt = s.VjpAccumulate(0.3, y, p, w, Span<double>.Empty, wJy, wJp);
            return wJy.Concat(wJp).Append(wJt).ToArray();
        });
    }
}
