using SmsVerify.Server.Channels;
using SmsVerify.Smpp.Text;

namespace SmsVerify.Server.Tests.Cmpp;

public sealed class CmppChannelOptionsTests
{
    private static ChannelOptions Valid() => new()
    {
        Name = "cmcc",
        Protocol = ChannelProtocol.Cmpp3,
        Host = "ismg.example",
        SpId = "901234",
        SharedSecret = "secret",
        ServiceId = "SMSV",
        SourceAddress = "1069000",
    };

    [Fact]
    public void ACompleteCmppChannel_HasNoErrors_AndNeedsNoSmppLogin()
    {
        Assert.Empty(ChannelOptionsValidator.Errors([Valid()]));
        Assert.Equal(7890, Valid().ServerPort);
    }

    [Theory]
    [InlineData("spid", "Channels:0 (cmcc): SpId (the SP_Id the ISMG gave) is required, at most 6 characters.")]
    [InlineData("secret", "Channels:0 (cmcc): SharedSecret is required for a CMPP channel.")]
    [InlineData("service", "Channels:0 (cmcc): ServiceId is at most 10 characters.")]
    [InlineData("source", "Channels:0 (cmcc): SourceAddress (Src_Id, the SP's access number such as 1069…) is required for a CMPP channel, at most 21 digits.")]
    [InlineData("feeuser", "Channels:0 (cmcc): FeeUserType 4 is not 0–3.")]
    [InlineData("feeterminal", "Channels:0 (cmcc): FeeTerminalId is required when FeeUserType is 3, at most 21 digits.")]
    [InlineData("feetype", "Channels:0 (cmcc): FeeType is two digits (01 free, 02 per message, 03 monthly …).")]
    [InlineData("feecode", "Channels:0 (cmcc): FeeCode is at most 6 digits (the charge in fen).")]
    [InlineData("receivers", "Channels:0 (cmcc): ReceiverBinds is for SMPP; a CMPP link receives on the link it sends on.")]
    [InlineData("sar", "Channels:0 (cmcc): Concatenation sar is for SMPP; CMPP parts always carry a header.")]
    public void ABadCmppSetting_IsNamedWithItsChannel(string fault, string message)
    {
        var channel = Valid();
        switch (fault)
        {
            case "spid": channel.SpId = "9012345"; break;
            case "secret": channel.SharedSecret = ""; break;
            case "service": channel.ServiceId = "SERVICE-ID-1"; break;
            case "source": channel.SourceAddress = "1069-000"; break;
            case "feeuser": channel.FeeUserType = 4; break;
            case "feeterminal": channel.FeeUserType = 3; break;
            case "feetype": channel.FeeType = "1"; break;
            case "feecode": channel.FeeCode = "1000000"; break;
            case "receivers": channel.ReceiverBinds = 1; break;
            case "sar": channel.Concatenation = ConcatenationMode.Sar; break;
        }
        Assert.Equal([message], ChannelOptionsValidator.Errors([channel]));
    }
}
