namespace SmsVerify.Server.Review;

/// <summary>
/// Where in a submitted text a finding points: a start and a length in UTF-16 code units, the way JavaScript and
/// .NET index strings, so a console can underline the offending words without converting. Serialised as
/// <c>{ "start": 3, "length": 2 }</c>.
/// </summary>
public readonly record struct TextSpan(int Start, int Length);
