using OdeGen.Tests.Corpus;

namespace OdeGen.Tests;

/// <summary>Every derivative the generator emits for the corpus, checked at random points (fixed seeds).</summary>
public class CorpusDerivativeTests
{
    private const int Points = 25;

    private static void Check<TSystem>(TSystem system, UserRhs user, Func<Random, (double T, double[] Y, double[] P)> point, int seed = 1)
        where TSystem : IOdeSystem
    {
        var random = new Random(seed);
        for (int k = 0; k < Points; k++)
        {
            var (t, y, p) = point(random);
            DerivativeChecks.AtPoint(system, user, t, y, p, random);
        }
    }

    private static Func<Random, (double, double[], double[])> Uniform(int n, int m, double low = -2, double high = 2) =>
        random => (4 * random.NextDouble(), DerivativeChecks.RandomVector(random, n, low, high), DerivativeChecks.RandomVector(random, m, 0.5, 2));

    private static UserRhs WithoutParameters(Action<double, ReadOnlySpan<double>, Span<double>> rhs) => (t, y, _, dy) => rhs(t, y, dy);

    [Fact] public void Lorenz() => Check(new Lorenz.RhsSystem(), Corpus.Lorenz.Rhs, Uniform(3, 3));

    [Fact] public void Robertson() => Check(new Robertson.RhsSystem(), Corpus.Robertson.Rhs, Uniform(3, 3, 0, 1));

    [Fact] public void VanDerPol() => Check(new VanDerPol.RhsSystem(), Corpus.VanDerPol.Rhs, Uniform(2, 1));

    [Fact] public void Brusselator() => Check(new Brusselator.RhsSystem(), Corpus.Brusselator.Rhs, Uniform(2, 2, 0, 3));

    [Fact] public void LotkaVolterra() => Check(new LotkaVolterra.RhsSystem(), Corpus.LotkaVolterra.Rhs, Uniform(2, 4, 0, 3));

    [Fact] public void Pendulum() => Check(new Pendulum.RhsSystem(), Corpus.Pendulum.Rhs, Uniform(2, 4));

    [Fact] public void Arenstorf() => Check(new Arenstorf.RhsSystem(), Corpus.Arenstorf.Rhs, random => (0, DerivativeChecks.RandomVector(random, 4, 0.2, 0.8), new[] { 0.012277471 }));

    [Fact] public void Oregonator() => Check(new Oregonator.RhsSystem(), Corpus.Oregonator.Rhs, Uniform(3, 3, 0.1, 2));

    [Fact]
    public void AllMath() => Check(new AllMath.RhsSystem(), Corpus.AllMath.Rhs, random =>
    {
        // Keep away from the kinks of Abs, Min, Max, Sign, Floor and Ceiling, where differences straddle a jump.
        var y = new[] { 0.3, -0.4, 0.7, 1.2, 0.9, 0.45 };
        for (int i = 0; i < y.Length; i++) y[i] += 0.05 * (random.NextDouble() - 0.5);
        return (1.5 + 0.1 * random.NextDouble(), y, new[] { 1.0 + random.NextDouble(), -1.0 });
    });

    [Fact]
    public void Branches()
    {
        // Both sides of each branch, away from the switching lines y0 = 0.5 and y1 = 0.
        Check(new Branches.RhsSystem(), Corpus.Branches.Rhs, random => (random.NextDouble(), new[] { 0.1 + 0.3 * random.NextDouble(), -1 + 0.8 * random.NextDouble() }, new[] { 1.2, 0.7 }), seed: 2);
        Check(new Branches.RhsSystem(), Corpus.Branches.Rhs, random => (random.NextDouble(), new[] { 0.7 + 0.3 * random.NextDouble(), 0.2 + 0.8 * random.NextDouble() }, new[] { 1.2, 0.7 }), seed: 3);
    }

    [Fact] public void ConvRelu() => Check(new ConvRelu.RhsSystem(), Corpus.ConvRelu.Rhs, Uniform(12, 24));

    [Fact] public void Helper() => Check(new Helper.RhsSystem(), Corpus.Helper.Rhs, Uniform(2, 2, 0.1, 2));

    [Fact] public void OscillatorWithoutParameters() => Check(new Oscillator.RhsSystem(), WithoutParameters(Corpus.Oscillator.Rhs), Uniform(2, 0));

    [Fact] public void ExpressionBodied() => Check(new Decay.RhsSystem(), Corpus.Decay.Rhs, Uniform(1, 1));

    [Fact] public void CompoundAssignments() => Check(new Outer.Compound.RhsSystem(), Outer.Compound.Rhs, Uniform(3, 2));

    [Fact] public void MlpWithLoops() => Check(new Mlp.RhsSystem(), Corpus.Mlp.Rhs, random =>
        (0, DerivativeChecks.RandomVector(random, 2, -2, 2), DerivativeChecks.RandomVector(random, 5 * Mlp.Hidden + 2, -0.5, 0.5)));

    [Fact] public void MlpWithTensorPrimitivesTanh() => Check(new VectorizedMlp.RhsSystem(), Corpus.VectorizedMlp.Rhs, random =>
        (0, DerivativeChecks.RandomVector(random, 2, -2, 2), DerivativeChecks.RandomVector(random, 5 * VectorizedMlp.Hidden + 2, -0.5, 0.5)));

    [Fact] public void ReductionsWrittenAsDotAndSum() => Check(new Reductions.RhsSystem(), Corpus.Reductions.Rhs, random =>
        (0, DerivativeChecks.RandomVector(random, 3, -2, 2), DerivativeChecks.RandomVector(random, 7 * Reductions.Hidden + 3, -0.5, 0.5)));

    [Fact] public void EveryElementWiseTensorPrimitivesFunction() => Check(new ElementWise.RhsSystem(), Corpus.ElementWise.Rhs, Uniform(4, 4, -1, 1));

    [Fact] public void CarriedSumsOfRuleTerms() => Check(new CarriedSquares.RhsSystem(), Corpus.CarriedSquares.Rhs, Uniform(3, 1));

    [Fact] public void StoresUnderConditionsAndStoresNothingReads() => Check(new ConditionalStores.RhsSystem(), WithoutParameters(Corpus.ConditionalStores.Rhs), Uniform(2, 0));

    [Fact] public void TensorPrimitivesInBranchesAndRepeatedLoops() => Check(new ElementWiseInBranches.RhsSystem(), Corpus.ElementWiseInBranches.Rhs, Uniform(3, 6, -1, 1));

    [Fact] public void SoftplusMlpWithLoops() => Check(new SoftplusMlp.RhsSystem(), Corpus.SoftplusMlp.Rhs, random =>
        (random.NextDouble(), DerivativeChecks.RandomVector(random, 3, -2, 2), DerivativeChecks.RandomVector(random, 16 * 3 * 2 + 16 + 3, -0.5, 0.5)));

    [Fact] public void GravityWithNestedLoopsAndIf() => Check(new Gravity.RhsSystem(), Corpus.Gravity.Rhs, random =>
    {
        // Bodies on a ring, perturbed, so that no two come close.
        var y = new double[28];
        for (int i = 0; i < 7; i++)
        {
            double angle = 2 * Math.PI * i / 7;
            y[i] = Math.Cos(angle) + 0.1 * (random.NextDouble() - 0.5);
            y[7 + i] = Math.Sin(angle) + 0.1 * (random.NextDouble() - 0.5);
            y[14 + i] = random.NextDouble() - 0.5;
            y[21 + i] = random.NextDouble() - 0.5;
        }
        return (0, y, DerivativeChecks.RandomVector(random, 7, 0.5, 2));
    });

    [Fact] public void ReactionDiffusionByTheMethodOfLines() => Check(new ReactionDiffusion.RhsSystem(), Corpus.ReactionDiffusion.Rhs, random =>
        (0, DerivativeChecks.RandomVector(random, ReactionDiffusion.Cells, 0, 1), new[] { 1e-3 * (1 + random.NextDouble()), 1 + random.NextDouble() }));
}

/// <summary>Every generated system declares its own VjpAccumulate, second derivatives and divergence, not the interface's defaults.</summary>
public class GeneratedMembersTests
{
    public static TheoryData<string> Systems()
    {
        var data = new TheoryData<string>();
        foreach (var type in typeof(GeneratedMembersTests).Assembly.GetTypes()
                     .Where(t => typeof(IOdeSystem).IsAssignableFrom(t) && t.IsDefined(typeof(System.CodeDom.Compiler.GeneratedCodeAttribute), false)))
            data.Add(type.FullName!);
        return data;
    }

    [Theory]
    [MemberData(nameof(Systems))]
    public void Declares_VjpAccumulate_and_JvpVjp(string name)
    {
        var type = typeof(GeneratedMembersTests).Assembly.GetType(name)!;
        var declared = type.GetMethods(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.DeclaredOnly);
        foreach (var (member, overloads) in new[] { ("VjpAccumulate", 1), ("JvpVjp", 2), ("Divergence", 1), ("DivergenceGradient", 1) })
            Assert.True(declared.Count(m => m.Name == member) == overloads, $"{type.Name} does not declare {member} ({overloads} overload(s))");
        Assert.True(((IOdeSystem)Activator.CreateInstance(type)!).HasSecondDerivatives);
    }
}
