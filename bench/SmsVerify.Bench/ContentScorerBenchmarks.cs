using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Options;
using SmsVerify.Server.Policy;
using SmsVerify.Server.Risk.Content;

namespace SmsVerify.Bench;

/// <summary>
/// <see cref="ContentScorer.Score"/> in process, as the send path calls it: classifier and policy rules together.
/// Run with <c>dotnet run -c Release --project bench/SmsVerify.Bench -- content</c>; see docs/benchmarks.md.
/// </summary>
[MemoryDiagnoser]
public class ContentScorerBenchmarks
{
    private const string Verification = "【极客时间】您正在登录极客时间，验证码为482913，5分钟内有效。请勿将验证码告知他人。";

    // 171 characters: a shop's holiday ad with prices, a phone number and a link, longer than one SMS segment.
    private const string Marketing = "【某某家居】三八女神节感恩回馈！全场沙发、床垫、餐桌椅特价直降，满3000元立减500元，再送价值399元的四件套一套，"
        + "前100名到店顾客另有精美礼品相送。活动时间3月6日至3月8日，地址：滨江路88号家居广场二楼，详询 0571-86012345 或访问 "
        + "www.example.com/sale 了解更多，名额有限，先到先得！拒收请回复R";

    private ContentScorer _scorer = null!;

    [GlobalSetup]
    public void Setup()
    {
        _scorer = new ContentScorer(ContentModel.BuiltIn, PlatformPolicy.BuiltIn, Options.Create(new ContentRiskOptions()));
    }

    [Benchmark(Baseline = true)]
    public ContentVerdict VerificationText() => _scorer.Score(Verification);

    [Benchmark]
    public ContentVerdict LongMarketingText() => _scorer.Score(Marketing);
}
