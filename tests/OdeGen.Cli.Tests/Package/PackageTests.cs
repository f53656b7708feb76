using System.IO;
using System.IO.Compression;
using System.Xml.Linq;
using OdeGen.Cli.Tests.Support;

namespace OdeGen.Cli.Tests.Package;

/// <summary>The OdeGen package as a user gets it: its contents, and a new console project that installs it.</summary>
public sealed class PackageTests : IClassFixture<PackedPackage>
{
    private readonly PackedPackage _package;

    public PackageTests(PackedPackage package) => _package = package;

    [Fact]
    public void CarriesTheRuntimeTheGeneratorAndMetadataButNoRoslynDependency()
    {
        using var zip = ZipFile.OpenRead(_package.Path);
        var entries = zip.Entries.Select(e => e.FullName).ToList();
        Assert.Contains("lib/net10.0/OdeGen.dll", entries);
        Assert.Contains("lib/net10.0/OdeGen.xml", entries);
        Assert.Contains("analyzers/dotnet/cs/OdeGen.Generator.dll", entries);
        Assert.Contains("README.md", entries);
        Assert.DoesNotContain(entries, e => e.Contains("CodeAnalysis", StringComparison.OrdinalIgnoreCase));

        XElement metadata;
        using (var nuspec = zip.Entries.Single(e => e.FullName == "OdeGen.nuspec").Open())
            metadata = XDocument.Load(nuspec).Root!.Elements().Single(e => e.Name.LocalName == "metadata");
        string? Value(string name) => metadata.Elements().SingleOrDefault(e => e.Name.LocalName == name)?.Value;
        Assert.Equal("OdeGen", Value("id"));
        Assert.Equal(_package.Version, Value("version"));
        Assert.False(string.IsNullOrWhiteSpace(Value("license")));
        Assert.Equal("README.md", Value("readme"));
        Assert.False(string.IsNullOrWhiteSpace(Value("description")));
        var repository = metadata.Elements().Single(e => e.Name.LocalName == "repository");
        Assert.Equal("git", repository.Attribute("type")?.Value);

        var dependencies = metadata.Descendants().Where(e => e.Name.LocalName == "dependency").Select(e => e.Attribute("id")!.Value).Distinct();
        Assert.Equal(new[] { "MathNet.Numerics", "System.Numerics.Tensors" }, dependencies.Order());
    }

    [Fact]
    public void AFreshConsoleProjectInstallsItBuildsDynamicsAndRuns()
    {
        string work = _package.NewFolder("consumer");
        string app = Path.Combine(work, "app");
        Dotnet.Run(work, _package.Environment, "new", "console", "-o", app, "--no-restore");
        File.WriteAllText(Path.Combine(app, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <add key="odegen-local" value="{_package.Feed}" />
              </packageSources>
            </configuration>
            """);
        Dotnet.Run(app, _package.Environment, "add", "package", "OdeGen", "--version", _package.Version);
        File.WriteAllText(Path.Combine(app, "Lorenz.cs"), """
            using OdeGen;

            public static partial class Lorenz
            {
                [OdeDynamics]
                public static void Rhs(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> p, Span<double> dy)
                {
                    dy[0] = p[0] * (y[1] - y[0]);
                    dy[1] = y[0] * (p[1] - y[2]) - y[1];
                    dy[2] = y[0] * y[1] - p[2] * y[2];
                }
            }
            """);
        // TensorPrimitives comes with the package: a layer written with it builds and differentiates.
        File.WriteAllText(Path.Combine(app, "Layer.cs"), Sources.TensorLayer);
        File.WriteAllText(Path.Combine(app, "Program.cs"), """
            using System.Globalization;

            var lorenz = new Lorenz.RhsSystem();
            double[] y = { 1, 2, 3 }, p = { 10, 28, 8.0 / 3 };
            var dy = new double[3];
            var jv = new double[3];
            lorenz.Jvp(0, y, p, new double[] { 1, 0, 0 }, new double[3], 0, dy, jv);
            Console.WriteLine("f = " + string.Join(" ", dy.Select(v => v.ToString("R", CultureInfo.InvariantCulture))));
            Console.WriteLine("J e0 = " + string.Join(" ", jv.Select(v => v.ToString("R", CultureInfo.InvariantCulture))));
            Console.Write(lorenz.JacobianYSparsity);
            var wJy = new double[2];
            new Layer.RhsSystem().Vjp(0, new double[2], new double[] { 2, 3 }, new double[] { 1, 1 }, Span<double>.Empty, wJy, new double[2]);
            Console.WriteLine("tanh layer wJy = " + string.Join(" ", wJy));
            """);

        string build = Dotnet.Run(app, _package.Environment, "build");
        string output = Dotnet.Run(app, _package.Environment, "run", "--no-build");

        Assert.DoesNotContain(": warning ", build);
        // f(1, 2, 3) and the first column of df/dy for sigma = 10, rho = 28, beta = 8/3.
        // At y = 0 the layer's tanh has slope 1, so wᵀ df/dy = (p0, p1).
        Assert.Equal("f = 10 23 -6\nJ e0 = -10 25 2\n██·\n███\n███\ntanh layer wJy = 2 3\n", output);
        string assets = File.ReadAllText(Path.Combine(app, "obj", "project.assets.json"));
        Assert.Contains("\"OdeGen/" + _package.Version + "\"", assets);
        Assert.DoesNotContain("Microsoft.CodeAnalysis", assets);
    }

    [Fact]
    public void TheToolPackageInstallsTheOdegenCommand()
    {
        string work = _package.NewFolder("tool");
        string tools = Path.Combine(work, "tools");
        Dotnet.Run(work, _package.Environment, "tool", "install", "OdeGen.Cli", "--tool-path", tools, "--version", _package.ToolVersion, "--add-source", _package.Feed);
        File.WriteAllText(Path.Combine(work, "Lorenz.cs"), Sources.Lorenz);

        var result = Dotnet.ExecuteProgram(Path.Combine(tools, "odegen"), work, _package.Environment, "sparsity", "Lorenz.cs");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("Lorenz.Rhs: df/dy is 3x3, 8 of 9 entries can be non-zero\n██·\n███\n███\n", result.Output);
    }
}
