namespace OdeGen.Cli;

/// <summary>What <c>odegen</c> returns to the shell.</summary>
internal static class ExitCodes
{
    /// <summary>Done, with at most warnings.</summary>
    public const int Success = 0;

    /// <summary>A diagnostic is an error, or the arguments name nothing that exists in the file.</summary>
    public const int Errors = 1;

    /// <summary>The source file could not be read, or an output file could not be written.</summary>
    public const int FileError = 2;
}
