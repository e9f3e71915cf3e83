using System.Text.RegularExpressions;
using SmsVerify.Server.Risk.Content;

namespace SmsVerify.ContentModel;

/// <summary>
/// The corpora only say ham or spam. Their spam is split here into <see cref="ContentLabel.Spam"/> (fraud, loans,
/// gambling, invoices, fake summonses, prize scams, premium-rate and adult traps) and <see cref="ContentLabel.Marketing"/>
/// (everything else: shops, property, schools, restaurants) by the words below. This is a rule, not a human
/// judgement: a shop ad that mentions 信用卡 lands in spam, and a scam without these words stays marketing.
/// </summary>
internal static partial class Relabel
{
    private static readonly string[] ChineseFraud =
    [
        "贷", "抵押", "放款", "借款", "额度", "套现", "信用卡", "征信", "黑户", "资金周转",
        "发票", "开票", "代开", "票据",
        "中奖", "领奖", "奖金", "获奖", "验证码", "法院", "传票", "涉嫌", "公安", "冻结", "安全账户", "汇款", "转账", "银行卡", "账号",
        "彩票", "六合", "特码", "一肖", "平码", "生肖", "开奖", "博彩", "赌", "娱乐城", "百家乐", "真人", "棋牌", "老虎机", "返水", "首存", "彩金",
        "办证", "刻章", "文凭", "枪", "迷药", "窃听", "监听", "侦探", "重金", "代孕", "色情", "上门服务",
        "兼职", "刷单", "日结", "荐股", "内幕", "涨停", "牛股", "私募",
    ];

    public static ContentLabel Spam(string text) =>
        ChineseFraud.Any(text.Contains) || EnglishFraud().IsMatch(text) ? ContentLabel.Spam : ContentLabel.Marketing;

    [GeneratedRegex(@"\b(won|win|winner|winning|prize|claim|award(ed)?|urgent|guaranteed|cash|bonus|selected|lucky|voucher|lottery|draw|reward|entitled|free"
        + @"|150p|\d+p ?(per|/) ?(min|msg)|18\+|sex|sexy|xxx|babes|horny|hot|gay|flirt(ing)?|dating|date|chat|fantas(y|ies)|account|statement|unredeemed"
        + @"|delivery|re-schedule|premium|087\d+|09\d{8,})\b|£|\$", RegexOptions.IgnoreCase)]
    private static partial Regex EnglishFraud();
}
