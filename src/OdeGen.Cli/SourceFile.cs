using System;
using System.IO;

namespace OdeGen.Cli;

/// <summary>Reads the C# file a command is given.</summary>
internal static class SourceFile
{
    /// <summary>The file's text, or null after writing why it cannot be read to <paramref name="error"/>.</summary>
    public static string? TryRead(string path, TextWriter error)
    {
        if (Directory.Exists(path))
        {
            error.WriteLine($"{path}: error: cannot read the file: it is a directory");
            return null;
        }
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            error.WriteLine($"{path}: error: cannot read the file: {exception.Message}");
            return null;
        }
    }
}
