using static VerifyXunit.Verifier;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text;
using System.Threading.Tasks;

namespace SnapshotRecipe;

/// <summary>
/// Snapshot tests of a model's generated code and of its derivative values, the recipe of the README: the code is
/// read from where the build emits it (EmitCompilerGeneratedFiles), the values are rounded to 10 significant digits
/// so that an algebraically equal rewrite of the generated code, which moves the last bits, does not fail them.
/// </summary>
public class SirSnapshotTests
{
    [Fact]
    public Task Generated_code()
    {
        string folder = typeof(SirSnapshotTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "GeneratedFiles").Value!;
        string file = Directory.GetFiles(folder, "SnapshotRecipe.Sir.Rhs.g.cs", SearchOption.AllDirectories).Single();
        return Verify(File.ReadAllText(file), extension: "cs").UseDirectory("snapshots");
    }

    [Fact]
    public Task Derivative_values()
    {
        var system = new Sir.RhsSystem();
        double[] y = [0.99, 0.01, 0.0], p = [0.3, 0.1], v = [1.0, -0.5, 0.25], vp = [0.2, -0.1], w = [0.5, 1.0, -1.0];
        var jv = new double[3];
        var wJy = new double[3];
        var wJp = new double[2];
        var jac = new double[9];
        system.Jvp(0, y, p, v, vp, 0, Span<double>.Empty, jv);
        system.Vjp(0, y, p, w, Span<double>.Empty, wJy, wJp);
        system.JacobianY(0, y, p, jac);
        var text = new StringBuilder();
        text.AppendLine("jv  " + Round(jv));
        text.AppendLine("wJy " + Round(wJy));
        text.AppendLine("wJp " + Round(wJp));
        text.AppendLine("df/dy " + Round(jac));
        return Verify(text.ToString()).UseDirectory("snapshots");
    }

    private static string Round(double[] values) =>
        string.Join(" ", values.Select(v => v.ToString("G10", CultureInfo.InvariantCulture)));
}
