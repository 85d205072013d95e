namespace Hoop.Recording.Tests;

/// <summary>A fresh directory under the system temp directory, deleted with everything in it on dispose.</summary>
internal sealed class ScratchDirectory : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("hoop-recording-").FullName;

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
