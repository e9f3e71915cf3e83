using System.Globalization;
using SmsVerify.Server.Risk.Content;

namespace SmsVerify.ContentModel;

/// <summary>
/// Legitimate verification and notification messages of our own writing. The corpora have none (see SOURCES.md),
/// so without these the classifier would never see the platform's own traffic. Each template is rendered
/// <see cref="PerTemplate"/> times with random values and with a signature in front, at the end or none, from a
/// fixed seed, so every run trains on the same texts. A template's renderings share a group: the held-out split
/// tests on templates the model never saw.
/// </summary>
internal static partial class OwnMessages
{
    public const int PerTemplate = 8;

    private static readonly string[] Apps = ["极客时间", "美团", "闲鱼", "和平精英", "掌上生活", "云闪付", "国家政务服务平台", "小红书", "顺丰速运", "中国移动", "滴滴出行", "Keep", "链家", "微医", "12306"];
    private static readonly string[] AppsEn = ["Acme", "Northwind", "Contoso", "PayFast", "Fitly", "CloudDesk", "RideNow", "ShopEasy", "MediBook", "Sparrow Bank"];
    private static readonly string[] Names = ["张先生", "李女士", "王老师", "刘师傅", "陈医生", "赵经理"];
    private static readonly string[] Places = ["XX街道政务服务中心", "朝阳区第三社区服务站", "滨江路菜鸟驿站", "人民医院门诊楼", "南山区社保分局", "东门停车场"];

    public static List<Sample> Generate(int seed = 20261123)
    {
        var random = new Random(seed);
        List<Sample> samples = [];
        void Render(string[] templates, string kind, bool english)
        {
            for (var t = 0; t < templates.Length; t++)
            {
                for (var i = 0; i < PerTemplate; i++)
                {
                    var text = Fill(templates[t], random, english);
                    var brand = english ? Pick(random, AppsEn) : Pick(random, Apps);
                    text = random.Next(3) switch
                    {
                        0 => text,
                        1 => (english ? $"[{brand}] " : $"【{brand}】") + text,
                        _ => text + (english ? $" [{brand}]" : $"【{brand}】"),
                    };
                    samples.Add(new Sample(text, ContentLabel.Legitimate, "own", $"own:{kind}:{t}"));
                }
            }
        }
        Render(ChineseVerification, "zh-verification", english: false);
        Render(ChineseNotification, "zh-notification", english: false);
        Render(EnglishVerification, "en-verification", english: true);
        Render(EnglishNotification, "en-notification", english: true);
        return samples;
    }

    private static string Fill(string template, Random random, bool english)
    {
        var text = template;
        int start;
        while ((start = text.IndexOf('{', StringComparison.Ordinal)) >= 0)
        {
            var end = text.IndexOf('}', start);
            text = text[..start] + Value(text[(start + 1)..end], random, english) + text[(end + 1)..];
        }
        return text;
    }

    private static string Value(string name, Random random, bool english) => name switch
    {
        "code" => random.Next(4) == 0 && english ? Letters(random, 6) : Digits(random, random.Next(4, 7)),
        "min" => Pick(random, ["5", "10", "15", "30", "3"]),
        "app" => english ? Pick(random, AppsEn) : Pick(random, Apps),
        "amount" or "balance" => Number(random.Next(1, 100000) / 100.0),
        "usd" => Number(random.Next(100, 50000) / 100.0),
        "order" => Digits(random, random.Next(10, 19)),
        "tail" => Digits(random, 4),
        "pickup" => $"{random.Next(1, 30)}-{random.Next(1, 6)}-{random.Next(1000, 9999)}",
        "station" => Pick(random, ["小区东门菜鸟驿站", "丰巢快递柜", "学校快递中心", "兔喜生活超市"]),
        "courier" => Pick(random, ["顺丰", "中通", "圆通", "京东物流", "邮政EMS"]),
        "name" => Pick(random, Names),
        "surname" => Pick(random, ["Smith", "Patel", "Chen", "Garcia", "Okafor"]),
        "mobile" => "1" + Pick(random, ["3", "5", "8"]) + Digits(random, 9),
        "hotline" => Pick(random, ["95588", "10086", "400-820-" + Digits(random, 4), "95533"]),
        "dept" => Pick(random, ["心内科", "儿科", "口腔科", "皮肤科", "眼科"]),
        "n" => random.Next(2, 40).ToString(CultureInfo.InvariantCulture),
        "date" => $"{random.Next(1, 13)}月{random.Next(1, 29)}日",
        "time" => $"{random.Next(7, 22)}:{random.Next(0, 6)}0",
        "dateEn" => $"{Pick(random, ["Jan", "Mar", "May", "Jul", "Sep", "Nov"])} {random.Next(1, 29)}",
        "timeEn" => $"{random.Next(1, 12)}:{random.Next(0, 6)}0 {Pick(random, ["am", "pm"])}",
        "train" => Pick(random, ["G", "D", "K"]) + random.Next(1, 2000),
        "seat" => $"{random.Next(1, 16)}车{random.Next(1, 20)}{Pick(random, ["A", "B", "C", "D", "F"])}座",
        "flight" => Pick(random, ["CA", "MU", "CZ", "HU", "BA", "UA"]) + random.Next(100, 9999),
        "plate" => Pick(random, ["京", "沪", "粤", "浙"]) + Pick(random, ["A", "B", "C"]) + Digits(random, 5),
        "place" => Pick(random, Places),
        "room" => Pick(random, ["三楼会议室", "A座1205", "行政楼报告厅"]),
        "exam" => Pick(random, ["英语四级", "会计初级", "普通话水平测试", "教师资格"]),
        "shop" => Pick(random, ["Green Street Pharmacy", "Luigi's", "the Main St store", "Corner Cafe", "FixIt Center"]),
        "device" => Pick(random, ["Windows PC", "new iPhone", "Chrome browser on Mac"]),
        "gate" => Pick(random, ["A", "B", "C"]) + random.Next(1, 40),
        _ => throw new InvalidOperationException($"No value for {{{name}}}."),
    };

    private static string Pick(Random random, string[] values) => values[random.Next(values.Length)];

    private static string Digits(Random random, int length) =>
        string.Create(length, random, (span, r) => { for (var i = 0; i < span.Length; i++) { span[i] = (char)('0' + r.Next(10)); } });

    private static string Letters(Random random, int length) =>
        string.Create(length, random, (span, r) => { for (var i = 0; i < span.Length; i++) { span[i] = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"[r.Next(32)]; } });

    private static string Number(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}
