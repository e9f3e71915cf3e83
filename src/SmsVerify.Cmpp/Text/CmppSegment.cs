using SmsVerify.Cmpp.Packets;

namespace SmsVerify.Cmpp.Text;

/// <summary>One part of a message, ready to go into a CMPP_SUBMIT.</summary>
public sealed record CmppSegment(byte[] Content, byte MsgFmt, byte TpUdhi, byte PkTotal, byte PkNumber)
{
    /// <summary>Copies the content, Msg_Fmt, TP_udhi and Pk_total/Pk_number into <paramref name="submit"/>.</summary>
    public void ApplyTo(Submit submit)
    {
        submit.MsgContent = Content;
        submit.MsgFmt = MsgFmt;
        submit.TpUdhi = TpUdhi;
        submit.PkTotal = PkTotal;
        submit.PkNumber = PkNumber;
    }
}
