using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SmsVerify.Server.Infrastructure.Database;
using SmsVerify.Smpp.Codec;
using SmsVerify.Smpp.Pdus;
using SmsVerify.Smpp.Server;
using SmsVerify.Smpp.Text;

namespace SmsVerify.Server.SmppGateway;

/// <summary>
/// Checks a bind against the SMPP accounts: an unknown system_id is ESME_RINVSYSID, a wrong password ESME_RINVPASWD,
/// an address the account does not allow, or one more bind than it may hold, ESME_RBINDFAIL. Failures are counted
/// per address by the <see cref="BindGuard"/>, which slows and then refuses whoever keeps guessing.
/// </summary>
internal sealed partial class GatewayBinds(
    IServiceScopeFactory scopes, IPasswordHasher<SmppAccount> hasher, BindGuard guard, SmppListener listener, IOptions<SmppListenerOptions> options,
    TimeProvider clock, ILogger<GatewayBinds> logger)
{
    public async ValueTask<uint> BindAsync(SmppServerSession session, Bind bind)
    {
        var address = session.RemoteAddress ?? IPAddress.None;
        if (guard.IsLockedOut(address))
        {
            Log.LockedOut(logger, address, bind.SystemId);
            return CommandStatus.BindFailed;
        }
        var (status, account) = await CheckAsync(bind, address);
        if (status == CommandStatus.Ok)
        {
            guard.Succeeded(address);
            session.State = new GatewayBind(account!, bind.Mode,
                new PartAssembler(options.Value.MaxLongMessagesInParts, options.Value.PartHoldTime, clock));
            Log.Bound(logger, bind.SystemId, bind.Mode, address);
            return status;
        }
        Log.Refused(logger, bind.SystemId, address, status);
        if (account is null) // a guess (or a gateway misconfigured), not an account at its bind limit
        {
            guard.Failed(address);
            // Real time, not the server's clock: this only slows an attacker down, and tests that move the clock by hand
            // must not hang on it.
            if (guard.DelayAfterFailure(address) is { } delay && delay > TimeSpan.Zero)
            {
                await Task.Delay(delay);
            }
        }
        return status;
    }

    /// <summary>The status to answer, and the account when it is known (even if the bind is refused for another reason).</summary>
    private async Task<(uint Status, BoundAccount? Account)> CheckAsync(Bind bind, IPAddress address)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var found = await db.SmppAccounts.AsNoTracking().Where(a => a.SystemId == bind.SystemId)
            .Join(db.Tenants, a => a.TenantId, t => t.Id, (a, t) => new { Account = a, t.Mode }).FirstOrDefaultAsync();
        if (found is null)
        {
            return (CommandStatus.InvalidSystemId, null);
        }
        var a = found.Account;
        var ranges = AddressRanges.Parse(a.AllowedAddresses);
        if (!AddressRanges.Allows(ranges, address))
        {
            // Before the password: an address that may not bind learns nothing about it.
            return (CommandStatus.BindFailed, null);
        }
        if (hasher.VerifyHashedPassword(a, a.PasswordHash, bind.Password) == PasswordVerificationResult.Failed)
        {
            return (CommandStatus.InvalidPassword, null);
        }
        var account = new BoundAccount(a.Id, a.TenantId, a.SystemId, found.Mode, a.Window, a.MessagesPerSecond, a.ReceivesReplies, ranges);
        if (listener.BindsOf(a.Id) >= a.MaxBinds)
        {
            return (CommandStatus.BindFailed, account);
        }
        return (CommandStatus.Ok, account);
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "SMPP account {SystemId} bound as {Mode} from {Address}")]
        public static partial void Bound(ILogger logger, string systemId, BindMode mode, IPAddress address);

        [LoggerMessage(2, LogLevel.Warning, "SMPP bind as {SystemId} from {Address} refused: command_status {Status:X8}")]
        public static partial void Refused(ILogger logger, string systemId, IPAddress address, uint status);

        [LoggerMessage(3, LogLevel.Warning, "SMPP bind as {SystemId} from {Address} refused unchecked: too many failed binds from there")]
        public static partial void LockedOut(ILogger logger, IPAddress address, string systemId);
    }
}
