using System.Text;
using Hoop.Recording.Writing;

namespace Hoop.Recording.Tests.Writing;

public sealed class ReplayLogFileTests
{
    [Fact]
    public async Task Lines_reach_the_file_when_synced_and_not_before()
    {
        using var scratch = new ScratchDirectory();
        var path = Path.Combine(scratch.Path, "s.jsonl.open");
        var file = ReplayLogFile.CreateNew(path);
        file.AppendLine("{\"seq\":0}"u8);
        file.AppendLine("{\"seq\":1}"u8);
        Assert.Equal(0, new FileInfo(path).Length);

        await file.SyncAsync();
        Assert.Equal("{\"seq\":0}\n{\"seq\":1}\n", await ReadSharedAsync(path));
        await file.DisposeAsync();
    }

    [Fact]
    public async Task Background_syncs_keep_every_line_in_order()
    {
        using var scratch = new ScratchDirectory();
        var path = Path.Combine(scratch.Path, "s.jsonl.open");
        var expected = new StringBuilder();
        var file = ReplayLogFile.CreateNew(path);
        for (var i = 0; i < 5000; i++)
        {
            var line = $"{{\"seq\":{i},\"pad\":\"{new string('x', i % 97)}\"}}";
            file.AppendLine(Encoding.UTF8.GetBytes(line));
            expected.Append(line).Append('\n');
            if (i % 100 == 99)
            {
                file.SyncInBackground();
            }
        }

        await file.SyncAsync();
        await file.DisposeAsync();
        Assert.Equal(expected.ToString(), await File.ReadAllTextAsync(path, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task An_existing_log_is_never_overwritten()
    {
        using var scratch = new ScratchDirectory();
        var path = Path.Combine(scratch.Path, "s.jsonl.open");
        await File.WriteAllTextAsync(path, "earlier\n", TestContext.Current.CancellationToken);
        Assert.Throws<IOException>(() => ReplayLogFile.CreateNew(path));
        Assert.Equal("earlier\n", await File.ReadAllTextAsync(path, TestContext.Current.CancellationToken));
    }

    private static async Task<string> ReadSharedAsync(string path)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        return await reader.ReadToEndAsync(TestContext.Current.CancellationToken);
    }
}
