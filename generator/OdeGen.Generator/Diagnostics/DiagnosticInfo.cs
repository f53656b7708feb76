using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using OdeGen.Generator.Model;

namespace OdeGen.Generator.Diagnostics;

/// <summary>
/// A diagnostic as an equatable value: the descriptor id, where it points (file, span and line span,
/// not a <see cref="Location"/>, which would hold a syntax tree), and its message arguments.
/// </summary>
internal sealed record DiagnosticInfo(string Id, string FilePath, TextSpan Span, LinePositionSpan LineSpan, EquatableArray<string> Arguments)
{
    public static DiagnosticInfo Create(DiagnosticDescriptor descriptor, Location location, params string[] arguments)
    {
        var lineSpan = location.GetLineSpan();
        return new DiagnosticInfo(descriptor.Id, lineSpan.Path ?? "", location.SourceSpan, lineSpan.Span, arguments.ToEquatableArray());
    }

    /// <summary>
    /// The diagnostic, located in <paramref name="compilation"/>'s own syntax tree where it has one, so that
    /// <c>#pragma warning disable</c> and editor config apply to it as to the compiler's own diagnostics.
    /// </summary>
    public Diagnostic ToDiagnostic(Compilation? compilation = null)
    {
        Location location = FilePath.Length == 0 ? Location.None : Location.Create(FilePath, Span, LineSpan);
        if (compilation is not null)
        {
            foreach (var tree in compilation.SyntaxTrees)
            {
                if (tree.FilePath == FilePath && tree.Length >= Span.End)
                {
                    location = Location.Create(tree, Span);
                    break;
                }
            }
        }
        return Diagnostic.Create(DescriptorTable.ById(Id), location, System.Linq.Enumerable.ToArray<object>(Arguments.AsImmutableArray()));
    }
}

internal static class DescriptorTable
{
    public static DiagnosticDescriptor ById(string id) => id switch
    {
        "ODE0001" => Descriptors.WrongSignature,
        "ODE0002" => Descriptors.TypeNotPartial,
        "ODE0003" => Descriptors.UnsupportedStatement,
        "ODE0004" => Descriptors.UnsupportedExpression,
        "ODE0005" => Descriptors.UnsupportedCall,
        "ODE0006" => Descriptors.SizeNotInferable,
        "ODE0007" => Descriptors.AssignmentToInput,
        "ODE0008" => Descriptors.HeapAllocation,
        "ODE0009" => Descriptors.NonSmoothFunction,
        "ODE0010" => Descriptors.IndexOutOfRange,
        "ODE0011" => Descriptors.OutputNotAssigned,
        "ODE0012" => Descriptors.OutputReadBeforeWrite,
        "ODE0013" => Descriptors.NonConstantIndex,
        "ODE0014" => Descriptors.InvalidHelper,
        "ODE0015" => Descriptors.DuplicateSystem,
        "ODE0016" => Descriptors.OutputReadInLoops,
        "ODE0017" => Descriptors.ScratchReadTooEarly,
        "ODE0018" => Descriptors.CarriedNotAccumulated,
        "ODE0019" => Descriptors.UnsupportedTensorCall,
        "ODE0020" => Descriptors.BatchCopyByCopy,
        "ODE0030" => Descriptors.WrongLayerSignature,
        "ODE0031" => Descriptors.LayerSizeMissing,
        _ => Descriptors.InternalError,
    };
}
