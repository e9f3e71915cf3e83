using SmsVerify.Server.Risk.Content;

namespace SmsVerify.ContentModel;

/// <summary>
/// One training text. <paramref name="Group"/> keeps near-copies together when splitting (the same corpus
/// template, or the same hand-written template), so no held-out text has a sibling in training.
/// </summary>
internal sealed record Sample(string Text, ContentLabel Label, string Source, string Group);
