// Records and init-only setters need this type, which netstandard2.0 does not ship.
namespace System.Runtime.CompilerServices;

internal static class IsExternalInit { }
