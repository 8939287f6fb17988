namespace LayerEntropy.Tests;

/// <summary>A bad-input message is one line whatever it quotes: line breaks and control characters become escapes.</summary>
public class LayerEntropyExceptionTests
{
    [Theory]
    [InlineData("plain message, é and ü kept", "plain message, é and ü kept")]
    [InlineData("op 'Gemm\nalpha'", @"op 'Gemm\nalpha'")]
    [InlineData("a\r\nb\tc", @"a\r\nb\tc")]
    [InlineData("nul \0 bell \a del \u007f nel \u0085", @"nul \x00 bell \x07 del \x7F nel \x85")]
    [InlineData("line\u2028paragraph\u2029end", @"line\u2028paragraph\u2029end")]
    public void MessageIsOneLine(string quoted, string shown)
    {
        var e = LayerEntropyException.ForFile("/data/x\ny.npy", quoted);
        Assert.Equal(@"/data/x\ny.npy: " + shown, e.Message);
    }
}
