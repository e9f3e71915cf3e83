namespace SmsVerify.Server.Infrastructure;

/// <summary>
/// Wakes a background worker when work was just committed on this node, so it need not wait for its next poll;
/// workers still poll, for work committed on other nodes.
/// </summary>
public class WakeSignal(TimeProvider clock)
{
    protected TimeProvider Clock { get; } = clock;

    private readonly SemaphoreSlim _wake = new(0, 1);

    /// <summary>Call it after the transaction that made the work has committed.</summary>
    public virtual void Wake()
    {
        if (_wake.CurrentCount == 0)
        {
            try
            {
                _wake.Release();
            }
            catch (SemaphoreFullException)
            {
                // Another caller woke it in between: one wake-up is enough.
            }
        }
    }

    /// <summary>Waits for a wake-up or the poll interval, whichever comes first.</summary>
    public async Task WaitAsync(TimeSpan interval, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var delay = Task.Delay(interval, Clock, timeout.Token);
        await Task.WhenAny(_wake.WaitAsync(timeout.Token), delay);
        await timeout.CancelAsync();
        cancellationToken.ThrowIfCancellationRequested();
    }
}
