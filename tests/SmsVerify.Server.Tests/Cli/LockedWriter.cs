using System.Text;

namespace SmsVerify.Server.Tests.Cli;

/// <summary>A writer one thread writes while the test waits on another for its first full line.</summary>
public sealed class LockedWriter : TextWriter
{
    private readonly StringBuilder _text = new();

    public override Encoding Encoding => Encoding.UTF8;

    public override void Write(char value)
    {
        lock (_text)
        {
            _text.Append(value);
        }
    }

    public override void Write(string? value)
    {
        lock (_text)
        {
            _text.Append(value);
        }
    }

    public async Task<string> WaitForLineAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            lock (_text)
            {
                var text = _text.ToString();
                if (text.IndexOf('\n', StringComparison.Ordinal) is var end and >= 0)
                {
                    return text[..end].TrimEnd('\r');
                }
            }
            await Task.Delay(20, cancellationToken);
        }
    }
}
