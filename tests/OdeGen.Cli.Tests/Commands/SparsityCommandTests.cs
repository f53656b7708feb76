using System.IO;
using OdeGen.Cli.Sparsity;
using OdeGen.Cli.Tests.Support;

namespace OdeGen.Cli.Tests.Commands;

public sealed class SparsityCommandTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void DrawsTheLorenzPattern()
    {
        var result = Tool.Run("sparsity", _temp.Write("Lorenz.cs", Sources.Lorenz));

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("", result.Error);
        Assert.Equal(
            "Lorenz.Rhs: df/dy is 3x3, 8 of 9 entries can be non-zero\n" +
            "██·\n" +
            "███\n" +
            "███\n",
            result.Output);
    }

    [Fact]
    public void CompilesDynamicsThatCallTensorPrimitives()
    {
        var result = Tool.Run("sparsity", _temp.Write("Layer.cs", Sources.TensorLayer));

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("Layer.Rhs: df/dy is 2x2, 2 of 4 entries can be non-zero\n█·\n·█\n", result.Output);
    }

    [Fact]
    public void DrawsEveryMethodAndTheMethodOptionPicksOne()
    {
        string file = _temp.Write("Kinetics.cs", Sources.TwoSystems);

        var all = Tool.Run("sparsity", file);
        var one = Tool.Run("sparsity", file, "-m", "Chain");

        string chain =
            "Kinetics.Chains.Chain: df/dy is 4x4, 6 of 16 entries can be non-zero\n" +
            "█···\n" +
            "██··\n" +
            "·██·\n" +
            "··█·\n";
        Assert.True(all.ExitCode == 0, all.ToString());
        Assert.Equal("Kinetics.Decay: df/dy is 1x1, 1 of 1 entries can be non-zero\n█\n\n" + chain, all.Output);
        Assert.True(one.ExitCode == 0, one.ToString());
        Assert.Equal(chain, one.Output);
    }

    [Fact]
    public void PngHasOneFilledCellPerPossibleNonZero()
    {
        string png = _temp["lorenz.png"];

        var result = Tool.Run("sparsity", _temp.Write("Lorenz.cs", Sources.Lorenz), "--png", png);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.EndsWith("wrote " + png + "\n", result.Output);
        var image = PngReader.Read(File.ReadAllBytes(png));
        int cell = (image.Width - 1) / 3;
        Assert.True(cell >= 3);
        Assert.Equal(3 * cell + 1, image.Width);
        Assert.Equal(3 * cell + 1, image.Height);
        bool[,] expected = { { true, true, false }, { true, true, true }, { true, true, true } };
        for (int i = 0; i < 3; i++)
        {
            for (int j = 0; j < 3; j++)
            {
                var colour = expected[i, j] ? SparsityImage.NonZero : SparsityImage.Zero;
                Assert.Equal(colour, image[j * cell + cell / 2, i * cell + cell / 2]);
                Assert.Equal(colour, image[j * cell + 1, i * cell + 1]);
                Assert.Equal(colour, image[(j + 1) * cell - 1, (i + 1) * cell - 1]);
            }
        }
        Assert.Equal(SparsityImage.Grid, image[0, 0]);
        Assert.Equal(SparsityImage.Grid, image[cell, cell / 2]);
    }

    [Fact]
    public void PngPerMethodIsSuffixedWithItsName()
    {
        var result = Tool.Run("sparsity", _temp.Write("Kinetics.cs", Sources.TwoSystems), "--png", _temp["jac.png"]);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.False(File.Exists(_temp["jac.png"]));
        var decay = PngReader.Read(File.ReadAllBytes(_temp["jac.Kinetics.Decay.png"]));
        Assert.Equal(SparsityImage.NonZero, decay[decay.Width / 2, decay.Height / 2]);
        var chain = PngReader.Read(File.ReadAllBytes(_temp["jac.Kinetics.Chains.Chain.png"]));
        int cell = (chain.Width - 1) / 4;
        Assert.Equal(4 * cell + 1, chain.Width);
        Assert.Equal(chain.Width, chain.Height);
        Assert.Equal(SparsityImage.NonZero, chain[2 * cell + cell / 2, 3 * cell + cell / 2]); // d(dy[3])/dy[2]
        Assert.Equal(SparsityImage.Zero, chain[3 * cell + cell / 2, 3 * cell + cell / 2]);    // d(dy[3])/dy[3]
    }

    [Fact]
    public void AProgramWithTopLevelStatementsAndImplicitUsingsCompiles()
    {
        var result = Tool.Run("sparsity", _temp.Write("Program.cs", Sources.Program));

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("Oscillator.Rhs: df/dy is 2x2, 2 of 4 entries can be non-zero\n·█\n█·\n", result.Output);
    }

    [Fact]
    public void AnErrorExitsWith1AndTheOtherMethodsAreStillDrawn()
    {
        string file = _temp.Write("Mixed.cs", Sources.WrongSignature);

        var result = Tool.Run("sparsity", file);

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith(file + "(7,24): error ODE0001: ", Assert.Single(result.ErrorLines));
        Assert.Equal("Mixed.Good: df/dy is 1x1, 1 of 1 entries can be non-zero\n█\n", result.Output);
    }

    [Fact]
    public void AFileThatDoesNotParseExitsWith1()
    {
        string file = _temp.Write("Broken.cs", Sources.DoesNotParse);

        var result = Tool.Run("sparsity", file);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("", result.Output);
        Assert.StartsWith(file + "(9,22): error CS1002: ; expected", result.Error);
    }

    [Fact]
    public void AMissingFileExitsWith2()
    {
        var result = Tool.Run("sparsity", _temp["Missing.cs"]);

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith(_temp["Missing.cs"] + ": error: cannot read the file: ", result.Error);
    }

    [Fact]
    public void AnUnwritablePngPathExitsWith2()
    {
        string png = Path.Combine(_temp["no-such-folder"], "jac.png");

        var result = Tool.Run("sparsity", _temp.Write("Lorenz.cs", Sources.Lorenz), "--png", png);

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith(png + ": error: cannot write the image: ", result.Error);
    }
}
