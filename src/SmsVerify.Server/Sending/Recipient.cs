namespace SmsVerify.Server.Sending;

/// <summary>One distinct number of a send, and what the pipeline has learnt of it.</summary>
internal sealed class Recipient(string to)
{
    public string To { get; } = to;

    /// <summary>One of the tenant's test numbers: its message goes to the sandbox inbox, never to a carrier.</summary>
    public bool IsTest { get; set; }

    /// <summary>The test number's fixed code, if it has one.</summary>
    public string? FixedCode { get; set; }

    /// <summary>Why this number gets no message while the others of the send do (opted out, over its limit).</summary>
    public string? RefusedFor { get; set; }
}
