namespace SmsVerify.Client;

public sealed partial class SmsVerifyClient
{
    public Task<AccountBalance> GetBalanceAsync(CancellationToken cancellationToken = default) =>
        SendAsync(ApiCall.Get("v1/balance"), ClientJson.Default.AccountBalance, cancellationToken);
}
