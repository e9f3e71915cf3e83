namespace SmsVerify.Smpp.Text;

/// <summary>What <see cref="PartAssembler.Add"/> did with a part.</summary>
public enum AssembleOutcome
{
    /// <summary>Kept; the message still misses parts.</summary>
    Waiting,

    /// <summary>The last missing part: <see cref="AssembleResult.Text"/> is the whole message.</summary>
    Complete,

    /// <summary>This part number was already held (the ESME sent it again); the first copy is kept.</summary>
    Duplicate,

    /// <summary>A new message while the most allowed are pending: refuse the part (ESME_RMSGQFUL, say).</summary>
    Full,

    /// <summary>The reference is held with another total: the part cannot belong to it and is refused.</summary>
    Inconsistent,
}

/// <summary>The outcome of adding one part, and the joined text when it completed a message.</summary>
public readonly record struct AssembleResult(AssembleOutcome Outcome, string? Text = null);
