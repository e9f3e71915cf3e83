using System.Security.Cryptography;
using System.Text;
using SmsVerify.Server.Infrastructure.Security;
using SmsVerify.Server.Verification;

namespace SmsVerify.Server.Tests.Verification;

public class VerificationCodesTests
{
    private readonly VerificationCodes _codes = new(NewKeys());
    private readonly Guid _id = Guid.NewGuid();

    private static ServerKeys NewKeys()
    {
        var keys = new ServerKeys();
        keys.Initialize(RandomNumberGenerator.GetBytes(32));
        return keys;
    }

    [Theory]
    [InlineData(4)]
    [InlineData(6)]
    [InlineData(8)]
    public void Generate_AnyLength_GivesOnlyDigitsOfThatLength(int length)
    {
        for (var i = 0; i < 200; i++)
        {
            var code = VerificationCodes.Generate(length);

            Assert.Equal(length, code.Length);
            Assert.True(code.All(char.IsAsciiDigit), code);
        }
    }

    [Fact]
    public void Generate_2000SixDigitCodes_RepeatNoMoreThanChanceAllows()
    {
        // 2000 draws from a million codes give about two repeated pairs; twelve or more has odds near one in a million.
        var codes = Enumerable.Range(0, 2000).Select(_ => VerificationCodes.Generate(6)).ToList();

        Assert.True(codes.Distinct().Count() >= 1990, $"{2000 - codes.Distinct().Count()} repeats");
    }

    [Fact]
    public void Generate_EveryPosition_UsesEveryDigitAboutEquallyOften()
    {
        // 10,000 codes: each digit is expected 1000 times in each position (σ ≈ 30); ±200 is more than six σ.
        var counts = new int[6, 10];
        for (var i = 0; i < 10_000; i++)
        {
            var code = VerificationCodes.Generate(6);
            for (var position = 0; position < 6; position++)
            {
                counts[position, code[position] - '0']++;
            }
        }

        for (var position = 0; position < 6; position++)
        {
            for (var digit = 0; digit < 10; digit++)
            {
                Assert.InRange(counts[position, digit], 800, 1200);
            }
        }
    }

    [Fact]
    public void Hash_SameCodeForDifferentVerifications_Differs()
    {
        Assert.NotEqual(_codes.Hash(Guid.NewGuid(), "062071"), _codes.Hash(Guid.NewGuid(), "062071"));
    }

    [Fact]
    public void Hash_SameCodeUnderDifferentServerKeys_Differs()
    {
        var other = new VerificationCodes(NewKeys());

        Assert.NotEqual(_codes.Hash(_id, "062071"), other.Hash(_id, "062071"));
    }

    [Fact]
    public void Matches_RightCode_IsTrue()
    {
        var hash = _codes.Hash(_id, "062071");

        Assert.True(_codes.Matches(_id, "062071", hash));
    }

    [Theory]
    [InlineData("062072")]
    [InlineData("62071")]
    [InlineData("0620710")]
    [InlineData(" 062071")]
    public void Matches_WrongCode_IsFalse(string guess)
    {
        var hash = _codes.Hash(_id, "062071");

        Assert.False(_codes.Matches(_id, guess, hash));
    }

    [Fact]
    public void Matches_RightCodeForAnotherVerification_IsFalse()
    {
        var hash = _codes.Hash(_id, "062071");

        Assert.False(_codes.Matches(Guid.NewGuid(), "062071", hash));
    }

    [Fact]
    public void Matches_CodeLongerThanMax_IsFalseWithoutThrowing()
    {
        var hash = _codes.Hash(_id, "12345678");

        Assert.False(_codes.Matches(_id, "123456789", hash));
        Assert.False(_codes.Matches(_id, new string('1', 10_000), hash));
    }

    [Fact]
    public void Matches_NonAsciiCode_IsFalseEvenWhereAsciiEncodingWouldMakeItEqual()
    {
        // Encoding.ASCII turns both "é" and the full-width "６" into "?", so only the ASCII check tells them apart.
        var hash = _codes.Hash(_id, "06207?");

        Assert.False(_codes.Matches(_id, "06207é", hash));
        Assert.False(_codes.Matches(_id, "06207６", hash));
    }

    [Fact]
    public void Matches_EmptyCode_IsFalse()
    {
        var hash = _codes.Hash(_id, "");

        Assert.False(_codes.Matches(_id, "", hash));
    }

    [Fact]
    public void Seal_ThenUnsealForSameVerification_GivesTheCodeBack()
    {
        var sealedCode = _codes.Seal(_id, "062071");

        Assert.Equal("062071", _codes.Unseal(_id, sealedCode));
    }

    [Fact]
    public void Unseal_ForAnotherVerification_Throws()
    {
        var sealedCode = _codes.Seal(_id, "062071");

        Assert.ThrowsAny<CryptographicException>(() => _codes.Unseal(Guid.NewGuid(), sealedCode));
    }

    [Fact]
    public void Unseal_TamperedBytes_Throws()
    {
        var sealedCode = _codes.Seal(_id, "062071");
        sealedCode[13] ^= 1;

        Assert.ThrowsAny<CryptographicException>(() => _codes.Unseal(_id, sealedCode));
    }

    [Fact]
    public void CodeFromBeforeAMasterKeyRotation_ChecksAndUnsealsWhileTheOldKeyIsAccepted_AndNotAfter()
    {
        var oldMaster = RandomNumberGenerator.GetBytes(32);
        var newMaster = RandomNumberGenerator.GetBytes(32);
        var before = new ServerKeys();
        before.Initialize(oldMaster);
        var hash = new VerificationCodes(before).Hash(_id, "062071");
        var sealedCode = new VerificationCodes(before).Seal(_id, "062071");
        var rotating = new ServerKeys();
        rotating.Initialize(newMaster, [oldMaster]);
        var after = new ServerKeys();
        after.Initialize(newMaster);

        Assert.True(new VerificationCodes(rotating).Matches(_id, "062071", hash));
        Assert.False(new VerificationCodes(rotating).Matches(_id, "062072", hash));
        Assert.Equal("062071", new VerificationCodes(rotating).Unseal(_id, sealedCode));
        Assert.False(new VerificationCodes(after).Matches(_id, "062071", hash));
        Assert.ThrowsAny<CryptographicException>(() => new VerificationCodes(after).Unseal(_id, sealedCode));
        // What the rotating node seals, a node that has only learnt the new key (accepting it) opens too.
        var learning = new ServerKeys();
        learning.Initialize(oldMaster, [newMaster]);
        Assert.Equal("062071", new VerificationCodes(learning).Unseal(_id, new VerificationCodes(rotating).Seal(_id, "062071")));
    }

    [Fact]
    public void Unseal_UnderDifferentServerKeys_Throws()
    {
        var sealedCode = _codes.Seal(_id, "062071");

        Assert.ThrowsAny<CryptographicException>(() => new VerificationCodes(NewKeys()).Unseal(_id, sealedCode));
    }

    [Fact]
    public void Seal_Bytes_DoNotContainTheCode()
    {
        var sealedCode = _codes.Seal(_id, "062071");

        Assert.Equal(-1, sealedCode.AsSpan().IndexOf(Encoding.ASCII.GetBytes("062071")));
    }

    [Fact]
    public void Seal_SameCodeTwice_GivesDifferentBytes()
    {
        Assert.NotEqual(_codes.Seal(_id, "062071"), _codes.Seal(_id, "062071"));
    }
}
