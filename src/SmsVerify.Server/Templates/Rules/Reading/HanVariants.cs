namespace SmsVerify.Server.Templates.Rules.Reading;

/// <summary>
/// Traditional Chinese characters read as their Simplified forms, so that 優惠 or 賭博 meet the same lists as 优惠
/// and 赌博. Not a converter for whole texts: the characters of the policy's Traditional list and those that spell
/// the words of its other lists (marketing, banned industries, contacts), a pair each (Traditional, Simplified).
/// </summary>
public static class HanVariants
{
    public const string Pairs =
        "驗验證证碼码們们這这個个為为與与發发說说時时會会過过還还機机號号條条請请後后實实買买賣卖費费貨货單单長长門门開开關关點点擊击網网頁页帳帐戶户當当應应該该見见現现" +
        "麼么氣气電电話话務务錢钱銀银寶宝際际圖图書书車车東东讀读學学習习導导樂乐愛爱親亲體体聽听讓让對对從从問问間间區区處处變变權权歲岁邊边總总統统經经營营業业資资訊讯" +
        "傳传輸输認认識识設设計计語语誤误謝谢護护戲戏紅红約约級级給给絡络續续標标樣样歷历鐘钟鎖锁錯错鍵键閱阅隊队雙双難难雲云頭头題题額额風风飛飞館馆馬马魚鱼鳥鸟齊齐顯显" +
        "顧顾無无憑凭註注冊册錄录優优價价購购團团禮礼贈赠獎奖領领搶抢殺杀滿满減减貸贷賭赌幣币塊块鏈链戀恋煙烟霧雾彈弹醫医職职繞绕匯汇財财薦荐聯联繫系係系載载員员積积兌兑" +
        "換换勵励倉仓獲获層层廣广廳厅線线幫帮熱热銷销國国頂顶獨独鋪铺絕绝顏颜質质產产債债贏赢萬万億亿詢询諮咨餘余鑽钻黃黄髮发麵面裡里臺台灣湾簡简貳贰參叁陸陆兩两極极擁拥" +
        "專专試试驚惊賀贺創创課课師师訓训鑑鉴據据視视頻频進进戰战鬥斗龍龙鳳凤劃划備备貼贴補补頒颁籌筹櫃柜顆颗韓韩藥药療疗齒齿膚肤癮瘾幾几嗎吗裝装複复雜杂維维運运動动島岛" +
        "場场勝胜敗败爭争腦脑罰罚稅税險险";

    /// <summary>The Traditional side of <see cref="Pairs"/>, one string per character.</summary>
    public static IEnumerable<string> Traditional()
    {
        for (var i = 0; i < Pairs.Length; i += 2)
        {
            yield return Pairs[i].ToString();
        }
    }
}
