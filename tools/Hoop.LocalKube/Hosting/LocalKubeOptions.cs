using System.Net;
using Hoop.LocalKube.Authorization;

namespace Hoop.LocalKube.Hosting;

/// <summary>How to start a LocalKube: where to listen, who may call it, and where to keep state.</summary>
public sealed class LocalKubeOptions
{
    /// <summary>The address to serve HTTPS on; port 0 picks a free one.</summary>
    public IPEndPoint Listen { get; init; } = new(IPAddress.Loopback, 0);

    /// <summary>The static token file's text: <c>token,user,uid,"group1,group2"</c> per line.</summary>
    public string TokensCsv { get; init; } = "";

    /// <summary>Where state survives restarts; in memory only when null.</summary>
    public string? DataDirectory { get; init; }

    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>How many recent changes a watch can resume from; older resourceVersions get 410 Expired.</summary>
    public int WatchHistory { get; init; } = 100_000;

    internal IReadOnlyDictionary<string, UserInfo> Tokens() => Authentication.StaticTokenFile.Parse(TokensCsv);
}
