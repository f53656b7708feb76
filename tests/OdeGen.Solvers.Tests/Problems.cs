using System.Collections.Generic;
using System.IO;
using System.Text.Json;

namespace OdeGen.Solvers.Tests;

/// <summary>
/// Reference problems from Data/problems.json (copied from the project's shared test data; every entry carries its
/// source: HNW I for Arenstorf, the Bari test set for VDPOLM, arbitrary-precision computations for the others).
/// </summary>
internal static class Problems
{
    private static readonly JsonDocument Document = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Data", "problems.json")));

    public static JsonElement Get(string name)
    {
        foreach (var problem in Document.RootElement.GetProperty("problems").EnumerateArray())
            if (problem.GetProperty("name").GetString() == name) return problem;
        throw new ArgumentException($"No problem named {name}.");
    }

    public static double[] Array(JsonElement problem, string property)
    {
        var values = new List<double>();
        foreach (var v in problem.GetProperty(property).EnumerateArray()) values.Add(v.GetDouble());
        return values.ToArray();
    }

    public static double Number(JsonElement problem, params string[] path)
    {
        var e = problem;
        foreach (var p in path) e = e.GetProperty(p);
        return e.GetDouble();
    }

    public static JsonElement HairerDopri5Rows => Document.RootElement.GetProperty("arenstorf_dopri5_hairer").GetProperty("rows");
}
