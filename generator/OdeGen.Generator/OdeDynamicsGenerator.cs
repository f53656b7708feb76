using Microsoft.CodeAnalysis;

namespace OdeGen.Generator;

[Generator(LanguageNames.CSharp)]
public sealed class OdeDynamicsGenerator : IIncrementalGenerator
{
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
    }
}
