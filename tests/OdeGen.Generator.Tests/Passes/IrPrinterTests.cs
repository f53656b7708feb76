using System.Linq;
using OdeGen.Generator.Ir;
using OdeGen.Generator.Model;
using OdeGen.Generator.Passes;

namespace OdeGen.Generator.Tests.Passes;

/// <summary>The IR's text: a hand-built program line by line, and the register-blocked loop of the corpus MLP.</summary>
public class IrPrinterTests
{
    [Fact]
    public void AHandBuiltProgramPrintsOneStatementALine()
    {
        // dy[0] = p[0] * y[0]; s[i] += y[i] for i in [0, 2), s a scratch span of 2.
        var nodes = new[]
        {
            new Node(Op.State, -1, -1, -1, 0, 0, 0, null),         // 0: y[0]
            new Node(Op.Parameter, -1, -1, -1, 0, 0, 0, null),     // 1: p[0]
            new Node(Op.Mul, 1, 0, -1, 0, -1, 0, null),            // 2
            new Node(Op.IntConst, -1, -1, -1, 0, -1, 0, null),     // 3: 0
            new Node(Op.IntConst, -1, -1, -1, 2, -1, 0, null),     // 4: 2
            new Node(Op.LoopIndex, -1, -1, -1, 0, -1, 1, "i"),     // 5
            new Node(Op.Load, 5, -1, -1, 0, 0, 1, null),           // 6: y[i]
        }.ToEquatableArray();
        var arrays = new[] { new ArrayInfo(ArrayKind.State, 1, "y"), new ArrayInfo(ArrayKind.Parameters, 1, "p"), new ArrayInfo(ArrayKind.Scratch, 2, "s") }.ToEquatableArray();
        var loop = new ForStmt(5, 3, 4, new Block(1, new Stmt[] { new LetStmt(6), new ArrayStoreStmt(2, 5, 6, Accumulate: true) }.ToEquatableArray()), EquatableArray<CarriedValue>.Empty);
        var body = new Block(0, new Stmt[] { new ArrayDeclarationStmt(2), new LetStmt(2), new StoreStmt(OutputSpan.Dy, 0, 2), loop }.ToEquatableArray());

        Assert.Equal(
            "declare s[2]\n" +
            "%2 = Mul p[0], y[0]\n" +
            "Dy[0] = %2\n" +
            "for %5 in [0, 2) {\n" +
            "  %6 = Load y[%5]\n" +
            "  s[%5] += %6\n" +
            "}\n",
            IrPrinter.Print(nodes, arrays, body).Replace("\r\n", "\n"));
    }

    [Fact]
    public void TheJammedLoopOfTheMlpShowsItsStepAndFourCarriedSums()
    {
        var forward = Pipeline.Optimize(UnrollAndJamTests.Differentiated(UnrollAndJamTests.CorpusSource("Mlp")).Forward!);
        var lines = IrPrinter.Print(forward.Nodes, forward.Arrays, forward.Body).Split('\n');
        var jammed = Assert.Single(lines, l => l.StartsWith("for ") && l.Contains("step 4"));
        Assert.Contains("in [0, 48)", jammed);
        var inner = lines.SkipWhile(l => l != jammed).Skip(1).First(l => l.TrimStart().StartsWith("for "));
        Assert.Equal(4, inner.Split("exit %").Length - 1);
    }
}
