namespace SmsVerify.Cmpp.Text;

/// <summary>Msg_Fmt values, CMPP 2.0/3.0 §7.4.3.1 (the ones a text message uses).</summary>
public static class MsgFmt
{
    public const byte Ascii = 0;
    public const byte Binary = 4;
    public const byte Ucs2 = 8;
    /// <summary>"含GB汉字": GB 2312 in the specification, GBK in practice; read here as GB18030, their superset.</summary>
    public const byte Gb = 15;
}
