using System;

namespace OdeGen.Cli;

/// <summary>The <c>odegen</c> executable.</summary>
internal static class Program
{
    private static int Main(string[] args) => OdeGenCommandLine.Run(args, Console.Out, Console.Error);
}
