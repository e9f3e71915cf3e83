namespace SmsVerify.Server.Compat.Alibaba;

/// <summary>Alibaba takes Chinese numbers bare, or with a <c>+86</c>, <c>0086</c> or bare <c>86</c> prefix.</summary>
internal static class AlibabaNumbers
{
    /// <summary>The number in a form the pipeline's parser reads; a bare <c>86</c> prefix becomes <c>+86</c>.</summary>
    public static string Normalise(string number) =>
        number.Length == 13 && number.StartsWith("861", StringComparison.Ordinal) && number.All(char.IsAsciiDigit) ? "+" + number : number;
}
