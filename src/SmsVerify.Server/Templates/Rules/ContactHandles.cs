namespace SmsVerify.Server.Templates.Rules;

/// <summary>
/// Finds messaging contacts in normal text: a handle from the policy's list (微信, vx, 扣扣, QQ…) with an "add me"
/// phrase just before it (加微信, 加V, 私聊 QQ) or an account id just after it (微信: abc12345, Q号 12345678). A
/// handle alone (请在微信中打开, 您的QQ会员) is no contact, and a one-letter handle (V, 薇, 扣) counts only with the
/// phrase right before it, so "V2.0" or "薇娅" stay clean.
/// </summary>
public static class ContactHandles
{
    // How far an "add me" phrase may stand before a handle: 加个微信, 联系客服微信.
    private const int MaxPhraseGap = 2;
    private const int MinIdLength = 5, MaxIdLength = 20;

    /// <summary>Adds each contact found to <paramref name="found"/>, as a span of the normal text from phrase (or handle) to id.</summary>
    public static void Find(ReadOnlySpan<char> text, List<TermHit> hits, ContentTerms terms, List<TermHit> found)
    {
        foreach (var handle in hits)
        {
            if (!terms.Has(handle.Term, TermKind.ContactHandle, out _))
            {
                continue;
            }
            var end = handle.Start + handle.Length;
            var start = -1;
            var shortHandle = handle.Length == 1;
            foreach (var phrase in hits)
            {
                var gap = handle.Start - (phrase.Start + phrase.Length);
                if (terms.Has(phrase.Term, TermKind.ContactPhrase, out _) && gap >= 0 && gap <= (shortHandle ? 0 : MaxPhraseGap))
                {
                    start = start < 0 ? phrase.Start : Math.Min(start, phrase.Start);
                }
            }
            if (!shortHandle && IdAfter(text, end) is var idEnd && idEnd > end)
            {
                (start, end) = (start < 0 ? handle.Start : start, idEnd);
            }
            if (start >= 0 && !Covered(found, start))
            {
                found.Add(new TermHit(start, end - start, handle.Term));
            }
        }
    }

    // A loop, not found.Exists(lambda): the lambda's closure would be allocated for every hit of every text.
    private static bool Covered(List<TermHit> found, int at)
    {
        foreach (var f in found)
        {
            if (f.Start <= at && at < f.Start + f.Length)
            {
                return true;
            }
        }
        return false;
    }

    // An account id after the handle, past a colon, a space or 号/是/为: 5–20 letters, digits, _ or -.
    private static int IdAfter(ReadOnlySpan<char> text, int at)
    {
        while (at < text.Length && text[at] is ':' or ' ' or '号' or '是' or '为')
        {
            at++;
        }
        var end = at;
        while (end < text.Length && end - at <= MaxIdLength && (char.IsAsciiLetterOrDigit(text[end]) || text[end] is '_' or '-'))
        {
            end++;
        }
        return end - at is >= MinIdLength and <= MaxIdLength ? end : -1;
    }
}
