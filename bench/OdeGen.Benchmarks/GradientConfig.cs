using System.Collections.Generic;
using System.Linq;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace OdeGen.Benchmarks;

/// <summary>Adds the forward and backward evaluation counts of each gradient benchmark to its summary table.</summary>
public sealed class GradientConfig : ManualConfig
{
    public GradientConfig()
    {
        AddColumn(new EvaluationsColumn("Nfe fwd", forward: true), new EvaluationsColumn("Nfe bwd", forward: false));
    }

    /// <summary>
    /// Evaluations of the right-hand side (forward) and of the adjoint or stage VJPs (backward), from one run of
    /// the benchmark's gradient outside the timed loop.
    /// </summary>
    private sealed class EvaluationsColumn(string name, bool forward) : IColumn
    {
        private readonly Dictionary<string, string> _cache = new();

        public string Id => nameof(EvaluationsColumn) + name;
        public string ColumnName => name;
        public bool AlwaysShow => true;
        public ColumnCategory Category => ColumnCategory.Custom;
        public int PriorityInCategory => forward ? 0 : 1;
        public bool IsNumeric => true;
        public UnitType UnitType => UnitType.Dimensionless;
        public string Legend => forward
            ? "Right-hand-side evaluations of the forward pass (augmented system for ForwardSensitivity)"
            : "Evaluations of the backward pass (one VJP each; includes checkpoint recomputation and, for Discrete, stage recomputation)";

        public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
        public bool IsAvailable(Summary summary) => true;
        public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) => GetValue(summary, benchmarkCase);

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase)
        {
            var type = benchmarkCase.Descriptor.Type;
            string method = benchmarkCase.Descriptor.WorkloadMethod.Name;
            string key = type.FullName + "." + method;
            if (_cache.TryGetValue(key, out var cached)) return cached;
            object instance = System.Activator.CreateInstance(type)!;
            var evaluations = type.GetMethod("Evaluations", System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.NonPublic)!;
            var (f, b) = ((SolverStats, SolverStats))evaluations.Invoke(instance, [method])!;
            string value = (forward ? f.Nfe : b.Nfe).ToString(System.Globalization.CultureInfo.InvariantCulture);
            _cache[key] = value;
            return value;
        }
    }
}
