using ApprovalTests.Reporters;

// No diff tool runs here: a missing or different approved file simply fails, as CI needs.
[assembly: UseReporter(typeof(QuietReporter))]
