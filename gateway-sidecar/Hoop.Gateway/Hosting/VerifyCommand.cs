using System.CommandLine;
using System.Text.RegularExpressions;
using Hoop.Recording.Chain;
using Hoop.Recording.Verification;

namespace Hoop.Gateway.Hosting;

/// <summary>
/// <c>hoop-gateway verify FILE [--key-file KEY]</c>: checks a replay log's hash chain and, given the Connection's
/// recording key, every checkpoint signature. Exit 0 when intact, 1 when broken or incomplete, 2 on bad usage.
/// </summary>
internal static partial class VerifyCommand
{
    public static Command Create()
    {
        var file = new Argument<FileInfo>("FILE") { Description = "The replay log (.jsonl) to check." };
        var keyFile = new Option<FileInfo>("--key-file")
        {
            Description = "The recording key's bytes (kubectl get secret NAME-gateway-recording-key -o jsonpath='{.data.hmacKey}' | base64 -d > key); without it only the chain is checked.",
        };
        var command = new Command("verify", "Check that a session replay log is intact: hash chain and signed checkpoints.") { file, keyFile };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var output = parseResult.InvocationConfiguration.Output;
            var error = parseResult.InvocationConfiguration.Error;
            var log = parseResult.GetValue(file)!;
            if (!log.Exists)
            {
                await error.WriteLineAsync($"hoop-gateway verify: {log.FullName} does not exist").ConfigureAwait(false);
                return 2;
            }

            IEnumerable<ReplayLogKey>? keys = null;
            if (parseResult.GetValue(keyFile) is { } keyPath)
            {
                if (!keyPath.Exists)
                {
                    await error.WriteLineAsync($"hoop-gateway verify: --key-file: {keyPath.FullName} does not exist").ConfigureAwait(false);
                    return 2;
                }

                var secret = await File.ReadAllBytesAsync(keyPath.FullName, cancellationToken).ConfigureAwait(false);
                if (secret.Length < ReplayLogKey.MinimumLength)
                {
                    await error.WriteLineAsync($"hoop-gateway verify: --key-file holds {secret.Length} bytes; a recording key has at least {ReplayLogKey.MinimumLength}").ConfigureAwait(false);
                    return 2;
                }

                // The key signs under the id the log names; a wrong key then shows as a signature mismatch.
                keys = KeyIds(log.FullName).Select(id => new ReplayLogKey(id, secret)).ToList();
            }

            var verification = new ReplayLogVerifier(keys).Verify(log.FullName);
            await output.WriteLineAsync(verification.Describe()).ConfigureAwait(false);
            return verification.ExitCode;
        });
        return command;
    }

    private static IEnumerable<string> KeyIds(string path) =>
        File.ReadLines(path)
            .Select(line => KeyIdPattern().Match(line))
            .Where(match => match.Success)
            .Select(match => match.Groups["id"].Value)
            .Distinct(StringComparer.Ordinal)
            .DefaultIfEmpty("unknown");

    [GeneratedRegex("\"keyId\":\"(?<id>[^\"\\\\]{1,256})\"")]
    private static partial Regex KeyIdPattern();
}
