using System.Globalization;

namespace OdeGen.Generator.Ir;

/// <summary>
/// Name hints that refer to another node: the cotangent of an unnamed temporary is named after the
/// name the emitter gives that temporary (<c>difference2</c> → <c>difference2Bar</c>), which is only
/// known at emission. Such a hint is written <c>@{id}:{suffix}</c>.
/// </summary>
internal static class NameHint
{
    public static string DerivedFrom(int id, string? name, string suffix) =>
        name is not null ? name + suffix : "@" + id.ToString(CultureInfo.InvariantCulture) + ":" + suffix;

    public static bool TryParse(string hint, out int id, out string suffix)
    {
        id = -1;
        suffix = "";
        if (hint.Length < 3 || hint[0] != '@') return false;
        int colon = hint.IndexOf(':');
        if (colon < 0 || !int.TryParse(hint.Substring(1, colon - 1), NumberStyles.None, CultureInfo.InvariantCulture, out id)) return false;
        suffix = hint.Substring(colon + 1);
        return true;
    }
}
