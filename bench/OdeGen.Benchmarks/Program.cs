using System;
using System.Linq;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace OdeGen.Benchmarks;

public static class Program
{
    public static int Main(string[] args)
    {
        Summary[] summaries = BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args).ToArray();

        // BenchmarkDotNet exits 0 even when benchmarks fail: fail the process if any report has no result.
        int failed = 0;
        foreach (Summary summary in summaries)
        {
            if (summary.HasCriticalValidationErrors)
            {
                Console.Error.WriteLine($"{summary.Title}: critical validation errors");
                failed++;
            }
            foreach (BenchmarkReport report in summary.Reports)
            {
                if (!report.Success || report.ResultStatistics is null)
                {
                    Console.Error.WriteLine($"failed: {report.BenchmarkCase.DisplayInfo}");
                    failed++;
                }
            }
            if (summary.Reports.Length < summary.BenchmarksCases.Length)
            {
                Console.Error.WriteLine($"{summary.Title}: {summary.BenchmarksCases.Length - summary.Reports.Length} benchmark(s) without a report");
                failed++;
            }
        }
        return failed == 0 ? 0 : 1;
    }
}
