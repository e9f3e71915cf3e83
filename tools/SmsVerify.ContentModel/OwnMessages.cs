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
    private static readonly string[] Surnames = ["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭"];
    private static readonly string[] GivenNames = ["芳", "伟", "敏", "静", "强", "磊", "军", "洋", "娟", "婷", "杰", "涛"];
    private static readonly string[] Banks = ["工商银行", "农业银行", "中国银行", "建设银行", "交通银行", "招商银行", "邮储银行", "浦发银行", "兴业银行", "中信银行", "平安银行", "宁波银行"];
    private static readonly string[] BankHotlines = ["95588", "95599", "95566", "95533", "95555", "95559", "95528", "95568", "95561", "95595", "95558", "95508", "95580"];
    private static readonly string[] Addresses = ["西湖区文三路478号华星大厦6楼", "浦东新区张杨路1200号2号楼15楼", "天河区体育西路103号B座2301", "海淀区中关村大街27号8层", "武侯区人民南路四段12号", "鼓楼区中山北路88号3楼前台"];
    private static readonly string[] Cities = ["北京", "上海", "广州", "深圳", "成都", "杭州", "武汉", "西安", "昆明", "三亚", "重庆", "南京"];
    private static readonly string[] Provinces = ["京", "沪", "粤", "浙", "苏", "川", "鄂", "鲁"];

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
        "amountK" or "balanceK" => (random.Next(100000, random.Next(5) == 0 ? 100000000 : 3000000) / 100.0).ToString("#,##0.00", CultureInfo.InvariantCulture),
        "fx" => random.Next(4) == 0
            ? "JPY " + (random.Next(5, 900) * 100).ToString("#,##0", CultureInfo.InvariantCulture)
            : Pick(random, ["USD ", "EUR ", "GBP ", "HKD ", "SGD "]) + (random.Next(1000, 300000) / 100.0).ToString("#,##0.00", CultureInfo.InvariantCulture),
        "term" => Pick(random, ["3", "6", "12", "24", "36"]),
        "percent" => Pick(random, ["80", "85", "90", "95"]),
        "gb" => (random.Next(10, 1200) / 100.0).ToString("0.00", CultureInfo.InvariantCulture),
        "dateIso" => $"{Pick(random, ["2025", "2026"])}-{random.Next(1, 13):00}-{random.Next(1, 29):00}",
        "dateSlash" => $"{random.Next(1, 13):00}/{random.Next(1, 29):00}",
        "datePad" => $"{random.Next(1, 13):00}月{random.Next(1, 29):00}日",
        "surnameZh" => Pick(random, Surnames),
        "maskedName" => Pick(random, Surnames) + Pick(random, ["*", "**", "*" + Pick(random, GivenNames)]),
        "maskedMobile" => "1" + Pick(random, ["3", "5", "7", "8", "9"]) + Digits(random, 1) + "****" + Digits(random, 4),
        "landline" => Pick(random, ["010-", "021-", "020-", "0755-", "0571-", "028-", "027-", "025-"]) + Digits(random, 4) + Pick(random, ["", " "]) + Digits(random, 4),
        "hotline400" => $"400-{Digits(random, 3)}-{Digits(random, 4)}",
        "bankHotline" => Pick(random, BankHotlines),
        "bank" => Pick(random, Banks),
        "branch" => Pick(random, ["城东支行", "高新区支行", "人民路支行", "营业部", "滨江支行", "经济开发区支行", "解放路支行"]),
        "address" => Pick(random, Addresses),
        "city" => Pick(random, Cities),
        "airport" => Pick(random, ["首都机场T3", "浦东机场T2", "白云机场T2", "天府机场T1", "萧山机场T4", "宝安机场", "江北机场T3"]),
        "hotel" => Pick(random, ["城市便捷酒店（火车站店）", "江畔假日酒店", "悦居精选酒店（会展中心店）", "南湖宾馆", "云栖度假酒店"]),
        "car" => Pick(random, ["白色比亚迪秦PLUS", "黑色大众帕萨特", "蓝色丰田卡罗拉", "银色吉利帝豪", "白色特斯拉Model 3", "灰色埃安S"]),
        "plateNo" => Pick(random, Provinces) + Pick(random, ["A", "B", "C", "E"]) + "·" + (random.Next(2) == 0 ? "D" + Digits(random, 5) : Letters(random, 1) + Digits(random, 4)),
        "child" => Pick(random, ["乐乐", "朵朵", "王子涵", "李一诺", "陈浩然", "张欣怡"]),
        "grade" => Pick(random, ["一年级（3）班", "三年级二班", "五年级（1）班", "初二（4）班", "大班", "中二班", "高一（7）班"]),
        "phoneModel" => Pick(random, ["华为Mate 60", "iPhone 15", "小米14", "OPPO Reno11", "vivo X100", "荣耀Magic6"]),
        "road" => Pick(random, ["人民路与解放路交叉口", "滨江大道中段", "建设北路", "机场高速入口", "中山南路"]),
        "ip" => $"{random.Next(36, 223)}.{random.Next(256)}.{random.Next(256)}.{random.Next(1, 255)}",
        "link" => Pick(random, ["t.kdcx.cn/", "m.wlzs.cn/t/", "s.psdt.cn/"]) + Letters(random, 6),
        "linkEn" => Pick(random, ["trk.parcelnest.com/", "go.tracknow.co.uk/", "d.kestrelpost.com.au/"]) + Letters(random, 8),
        "ref" => Letters(random, 6),
        "tollfree" => Pick(random, [$"1-800-{Digits(random, 3)}-{Digits(random, 4)}", $"0800 {Digits(random, 3)} {Digits(random, 4)}", $"1300 {Digits(random, 3)} {Digits(random, 3)}"]),
        "phoneEn" => Pick(random, ["020 7946 ", "0161 496 ", "(02) 9876 ", "(415) 555-", "(03) 9123 "]) + Digits(random, 4),
        "fullName" => Pick(random, ["J. Wilson", "Maria Lopez", "A. Khan", "Tom Nguyen", "Sarah O'Brien", "David Mensah"]),
        "firstName" => Pick(random, ["Dave", "Priya", "Liam", "Aisha", "Marco", "Chloe"]),
        "payee" => Pick(random, ["Northern Water", "Bright Energy", "Metro Council", "HomeNet Broadband", "Summit Insurance", "FitZone Gym"]),
        "clinic" => Pick(random, ["Riverside Medical Centre", "Oak Lane Surgery", "Northgate Imaging", "City Physio Clinic", "Parkview Health"]),
        "hotelEn" => Pick(random, ["Harbour View Hotel", "The Kingsley", "Parkside Inn", "Riverside Lodge", "Grand Central Hotel"]),
        "cityEn" => Pick(random, ["Manchester", "Sydney", "Chicago", "Dublin", "Toronto", "Auckland", "Melbourne", "Leeds"]),
        "examEn" => Pick(random, ["driving theory test", "IELTS speaking test", "Year 12 chemistry exam", "ACCA exam"]),
        "plateEn" => Pick(random, ["KX21 LMR", "YT70 BDF", "7KPD 214", "ABC-4821", "1XYZ 789", "LD19 WNP"]),
        _ => throw new InvalidOperationException($"No value for {{{name}}}."),
    };

    private static string Pick(Random random, string[] values) => values[random.Next(values.Length)];

    private static string Digits(Random random, int length) =>
        string.Create(length, random, (span, r) => { for (var i = 0; i < span.Length; i++) { span[i] = (char)('0' + r.Next(10)); } });

    private static string Letters(Random random, int length) =>
        string.Create(length, random, (span, r) => { for (var i = 0; i < span.Length; i++) { span[i] = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"[r.Next(32)]; } });

    private static string Number(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}
