using SmsVerify.Server.Templates.Rules;

namespace SmsVerify.Server.Tests.Templates.Rules;

public class TermMatcherTests
{
    private static readonly TermMatcher Matcher = new(["优惠", "优惠券", "惠券", "win", "% off", "P2P", "he", "she", "hers"]);

    [Theory]
    [InlineData("领取优惠券", "优惠@2 优惠券@2 惠券@3")]
    [InlineData("You WIN!", "win@4")]
    [InlineData("window winner", "")]
    [InlineData("50% off", "% off@2")]
    [InlineData("P2P借贷", "P2P@0")]
    [InlineData("ushers", "")]
    [InlineData("she hers", "she@0 hers@4")]
    [InlineData("", "")]
    public void Scan_FindsEveryWholeTerm(string text, string expected)
    {
        List<TermHit> hits = [];
        Matcher.Scan(text, hits);
        Assert.Equal(expected, string.Join(" ", hits.OrderBy(h => h.Start).ThenBy(h => h.Length).Select(h => $"{Matcher.Terms[h.Term]}@{h.Start}")));
    }
}
