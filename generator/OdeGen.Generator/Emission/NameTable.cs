using System.Collections.Generic;
using System.Globalization;
using Microsoft.CodeAnalysis.CSharp;

namespace OdeGen.Generator.Emission;

/// <summary>
/// Gives every emitted variable a unique, readable name: the user's own local name where the value is
/// a user's local, a derived one (xDot, xBar) for its tangent and cotangent, and a name after the
/// operation for other temporaries. Generated names never take a name the user wrote elsewhere.
/// </summary>
internal sealed class NameTable
{
    private readonly HashSet<string> _taken = new(System.StringComparer.Ordinal);
    private readonly HashSet<string> _userNames;
    // Names of loop indices whose loops have ended; only loop indices may take them again.
    private readonly HashSet<string> _endedLoopIndices = new(System.StringComparer.Ordinal);

    public NameTable(IEnumerable<string> reserved, IEnumerable<string> userNames)
    {
        foreach (var name in reserved) _taken.Add(name);
        _userNames = new HashSet<string>(userNames, System.StringComparer.Ordinal);
    }

    /// <summary>A fresh name from <paramref name="hint"/>; <paramref name="isUserLocal"/> lets it take the user's own name.</summary>
    public string Allocate(string hint, bool isUserLocal)
    {
        string baseName = Sanitize(hint);
        if (Free(baseName, isUserLocal)) return Take(baseName);
        for (int i = 2; ; i++)
        {
            string candidate = baseName + i.ToString(CultureInfo.InvariantCulture);
            if (Free(candidate, false)) return Take(candidate);
        }
    }

    /// <summary>
    /// The name of a loop's index: a name like any other, or the name of a loop that has ended and does not enclose
    /// this one, since sibling loops may each declare their own <c>i</c> (the user's loops did).
    /// </summary>
    public string AllocateLoopIndex(string hint, bool isUserLocal, ISet<string> open)
    {
        string baseName = Sanitize(hint);
        return _endedLoopIndices.Contains(baseName) && !open.Contains(baseName) ? baseName : Allocate(hint, isUserLocal);
    }

    /// <summary>The loop whose index is <paramref name="name"/> has ended: later sibling loops may use the name.</summary>
    public void EndLoop(string name) => _endedLoopIndices.Add(name);

    /// <summary>Whether <paramref name="name"/> itself is still free for a generated variable.</summary>
    public bool IsFree(string name) => Free(Sanitize(name), false);

    private bool Free(string name, bool isUserLocal) =>
        !_taken.Contains(name) && (isUserLocal || !_userNames.Contains(name)) && SyntaxFacts.GetKeywordKind(name) == SyntaxKind.None;

    private string Take(string name)
    {
        _taken.Add(name);
        return name;
    }

    private static string Sanitize(string hint)
    {
        var chars = hint.ToCharArray();
        for (int i = 0; i < chars.Length; i++)
        {
            if (!char.IsLetterOrDigit(chars[i]) && chars[i] != '_') chars[i] = '_';
        }
        string name = new string(chars);
        return name.Length == 0 || char.IsDigit(name[0]) ? "v" + name : name;
    }
}
