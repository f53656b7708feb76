using System;

namespace OdeGen;

/// <summary>
/// An <see cref="IProgress{T}"/> that calls its handler on the reporting thread, before <see cref="Report"/> returns:
/// reports arrive in order and all of them before the solve or training run ends. <see cref="Progress{T}"/> instead
/// posts each report to the captured synchronization context, which in a console app is the thread pool, so its
/// lines can print out of order and after the run has finished; it is the right choice in a UI app, where the
/// handler must run on the UI thread.
/// </summary>
/// <typeparam name="T">What is reported: a <c>double</c> fraction for solves, a <c>TrainingReport</c> for training.</typeparam>
public sealed class SynchronousProgress<T> : IProgress<T>
{
    private readonly Action<T> _handler;

    /// <param name="handler">Called with every report, on the thread that reports it.</param>
    /// <exception cref="ArgumentNullException"><paramref name="handler"/> is null.</exception>
    public SynchronousProgress(Action<T> handler) => _handler = handler ?? throw new ArgumentNullException(nameof(handler));

    /// <summary>Calls the handler with <paramref name="value"/> now.</summary>
    public void Report(T value) => _handler(value);
}
