namespace SmsVerify.Server.Tests.SmppGateway.Interop;

/// <summary>
/// The kannel.conf of one test: bearerbox binds to the listener as its SMSC (a transceiver, with the tenant's SMPP
/// account), smsbox offers sendsms, and replies from phones go to <paramref name="moUrl"/> (the test's receiver).
/// Written here rather than copied: the shared peers' kannel.conf carries no licence. Everything is on 127.0.0.1.
/// </summary>
internal static class KannelConf
{
    public const string SmscId = "smsverify";
    public const string User = "tester";
    public const string Password = "testpw";
    public const string StatusPassword = "status";

    public static string Render(string folder, KannelPorts ports, int smscPort, string systemId, string password, string moUrl) => $"""
        group = core
        admin-port = {ports.Admin}
        admin-interface = 127.0.0.1
        admin-password = {StatusPassword}-admin
        status-password = {StatusPassword}
        admin-allow-ip = "127.0.0.1"
        admin-deny-ip = "*.*.*.*"
        smsbox-port = {ports.Box}
        smsbox-interface = 127.0.0.1
        box-allow-ip = "127.0.0.1"
        box-deny-ip = "*.*.*.*"
        log-file = "{folder}/bearerbox.log"
        log-level = 0
        dlr-storage = internal

        group = smsc
        smsc = smpp
        smsc-id = {SmscId}
        host = 127.0.0.1
        port = {smscPort}
        transceiver-mode = true
        smsc-username = {systemId}
        smsc-password = {password}
        system-type = kannel
        interface-version = 34
        enquire-link-interval = 30
        max-pending-submits = 10
        reconnect-delay = 5
        log-file = "{folder}/smsc.log"
        log-level = 0

        group = smsbox
        bearerbox-host = 127.0.0.1
        bearerbox-port = {ports.Box}
        sendsms-port = {ports.SendSms}
        sendsms-interface = 127.0.0.1
        mo-recode = true
        log-file = "{folder}/smsbox.log"
        log-level = 0

        group = sendsms-user
        username = {User}
        password = {Password}
        user-allow-ip = "127.0.0.1"
        user-deny-ip = "*.*.*.*"
        concatenation = true
        max-messages = 10

        group = sms-service
        keyword = default
        max-messages = 0
        get-url = "{moUrl}?from=%p&to=%P&text=%a&coding=%c&charset=%C"

        """;
}

internal sealed record KannelPorts(int Admin, int Box, int SendSms);
