namespace SmsVerify.Bench.Versus;

/// <summary>
/// The kannel.conf of one run. Everything listens on and connects to 127.0.0.1. What is measured is set here:
/// window 64 (<c>max-pending-submits</c>), no <c>throughput</c> line (Kannel throttles only when one is set), log
/// level 1 (info) for every box and the link, access logs on, and delivery reports in memory (<c>dlr-storage =
/// internal</c>), which is the fastest store Kannel has; SmsVerify's server keeps its messages in a database.
/// </summary>
internal static class KannelConf
{
    public static string Render(
        string folder, int adminPort, int boxPort, int sendSmsPort, int smscPort, string statusPassword, string smscId, string user, string password) => $"""
        group = core
        admin-port = {adminPort}
        admin-interface = 127.0.0.1
        admin-password = {statusPassword}-admin
        status-password = {statusPassword}
        admin-allow-ip = "127.0.0.1"
        admin-deny-ip = "*.*.*.*"
        smsbox-port = {boxPort}
        smsbox-interface = 127.0.0.1
        box-allow-ip = "127.0.0.1"
        box-deny-ip = "*.*.*.*"
        log-file = "{folder}/bearerbox.log"
        log-level = 1
        access-log = "{folder}/bearerbox-access.log"
        dlr-storage = internal

        group = smsc
        smsc = smpp
        smsc-id = {smscId}
        host = 127.0.0.1
        port = {smscPort}
        transceiver-mode = true
        smsc-username = esme
        smsc-password = secret
        system-type = kannel
        interface-version = 34
        enquire-link-interval = 30
        max-pending-submits = 64
        reconnect-delay = 5
        log-file = "{folder}/smsc.log"
        log-level = 1

        group = smsbox
        bearerbox-host = 127.0.0.1
        bearerbox-port = {boxPort}
        sendsms-port = {sendSmsPort}
        sendsms-interface = 127.0.0.1
        log-file = "{folder}/smsbox.log"
        log-level = 1
        access-log = "{folder}/smsbox-access.log"

        group = sendsms-user
        username = {user}
        password = {password}
        user-allow-ip = "127.0.0.1"
        user-deny-ip = "*.*.*.*"
        max-messages = 1

        """;
}
