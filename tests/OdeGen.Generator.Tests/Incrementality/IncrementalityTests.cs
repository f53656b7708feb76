using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace OdeGen.Generator.Tests.Incrementality;

/// <summary>
/// The pipeline caches: edits that cannot change the generated code leave every tracked stage cached,
/// and the values that flow between stages hold no Roslyn symbols, syntax, semantic models or compilations.
/// </summary>
public class IncrementalityTests
{
    private const string Dynamics = GeneratorHarness.Usings + @"namespace Demo;

public static partial class Lorenz
{
    [OdeDynamics]
    public static void Rhs(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> p, Span<double> dy)
    {
        double s = y[1] - y[0];
        dy[0] = p[0] * s;
        dy[1] = y[0] * (p[1] - y[2]) - y[1];
        dy[2] = y[0] > 1 ? y[0] * y[1] - p[2] * y[2] : -p[2] * y[2];
    }
}
";

    private const string Unrelated = "namespace Demo;\n\npublic static class Unrelated\n{\n    public static int Answer() => 42;\n}\n";

    private static readonly string[] Stages =
    {
        OdeDynamicsGenerator.Stages.Parse,
        OdeDynamicsGenerator.Stages.Diagnostics,
        OdeDynamicsGenerator.Stages.Model,
        OdeDynamicsGenerator.Stages.Differentiate,
    };

    private static GeneratorRunResult RunTwice(System.Func<CSharpCompilation, CSharpCompilation> edit)
    {
        var compilation = GeneratorHarness.Compile(Dynamics, Unrelated);
        var driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);
        driver = driver.RunGenerators(edit(compilation));
        return driver.GetRunResult().Results.Single();
    }

    private static CSharpCompilation Replace(CSharpCompilation compilation, int index, string text)
    {
        var old = compilation.SyntaxTrees.ElementAt(index);
        return compilation.ReplaceSyntaxTree(old, CSharpSyntaxTree.ParseText(text, (CSharpParseOptions)old.Options, old.FilePath));
    }

    private static void AssertAllCached(GeneratorRunResult result)
    {
        foreach (var stage in Stages)
        {
            Assert.True(result.TrackedSteps.ContainsKey(stage), $"stage {stage} was not tracked");
            foreach (var step in result.TrackedSteps[stage])
            {
                foreach (var (_, reason) in step.Outputs)
                    Assert.True(reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"stage {stage} was {reason}");
            }
        }
    }

    [Fact]
    public void CommentOnlyEditLeavesEveryStageCached() =>
        AssertAllCached(RunTwice(c => Replace(c, 0, Dynamics.Replace("double s = y[1] - y[0];", "double s = y[1] - y[0]; // the difference"))));

    [Fact]
    public void EditAboveTheMethodLeavesEveryStageCached() =>
        AssertAllCached(RunTwice(c => Replace(c, 0, Dynamics.Replace("public static partial class Lorenz", "// Lorenz (1963), the butterfly.\n\npublic static partial class Lorenz"))));

    [Fact]
    public void EditToAnUnrelatedFileLeavesEveryStageCached() =>
        AssertAllCached(RunTwice(c => Replace(c, 1, Unrelated.Replace("42", "43"))));

    [Fact]
    public void EditToTheBodyRunsDifferentiateAgain()
    {
        var result = RunTwice(c => Replace(c, 0, Dynamics.Replace("dy[0] = p[0] * s;", "dy[0] = p[0] * s * s;")));
        var reasons = result.TrackedSteps[OdeDynamicsGenerator.Stages.Differentiate].SelectMany(s => s.Outputs).Select(o => o.Reason);
        Assert.Contains(IncrementalStepRunReason.Modified, reasons);
    }

    [Fact]
    public void StageOutputsHoldNoRoslynObjects()
    {
        var compilation = GeneratorHarness.Compile(Dynamics);
        var result = GeneratorHarness.CreateDriver().RunGenerators(compilation).GetRunResult().Results.Single();
        foreach (var stage in Stages)
        {
            foreach (var step in result.TrackedSteps[stage])
            {
                foreach (var (value, _) in step.Outputs) ForbiddenObjectWalker.AssertClean(value, stage);
            }
        }
    }
}

/// <summary>Walks an object graph through fields and reports any Roslyn object that would pin a compilation.</summary>
internal static class ForbiddenObjectWalker
{
    private static readonly System.Type[] Forbidden =
    {
        typeof(ISymbol), typeof(SyntaxNode), typeof(SyntaxTree), typeof(SemanticModel), typeof(Compilation),
        typeof(Location), typeof(IOperation), typeof(AttributeData),
    };

    public static void AssertClean(object? root, string where)
    {
        var seen = new HashSet<object>(ReferenceEqualityComparer.Instance);
        var pending = new Stack<(object Value, string Path)>();
        if (root is not null) pending.Push((root, where));
        int visited = 0;
        while (pending.Count > 0)
        {
            var (value, path) = pending.Pop();
            var type = value.GetType();
            if (type.IsPrimitive || value is string || type.IsEnum || !seen.Add(value)) continue;
            visited++;
            Assert.False(Forbidden.Any(f => f.IsInstanceOfType(value)), $"{path} holds a {type.Name}");
            if (value is IEnumerable sequence)
            {
                int i = 0;
                foreach (var item in sequence)
                {
                    if (item is not null) pending.Push((item, path + "[" + i++ + "]"));
                }
            }
            for (var t = type; t is not null; t = t.BaseType)
            {
                foreach (var field in t.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
                {
                    if (field.GetValue(value) is { } child) pending.Push((child, path + "." + field.Name));
                }
            }
        }
        Assert.True(visited > 0);
    }
}
