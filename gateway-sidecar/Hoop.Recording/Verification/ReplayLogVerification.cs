using System.Globalization;

namespace Hoop.Recording.Verification;

/// <summary>
/// The outcome of verifying a replay log. <see cref="BadLine"/> (1-based) and <see cref="BadSeq"/> name the first
/// record that fails when <see cref="Status"/> is <see cref="ReplayLogStatus.Broken"/>. <see cref="SignedHeads"/> are the
/// heads of the checkpoints that passed, in order, to match against a head an AccessRequest pinned.
/// </summary>
public sealed record ReplayLogVerification(
    ReplayLogStatus Status,
    int Records,
    int Checkpoints,
    bool SignaturesChecked,
    long? LastSignedSeq,
    int? BadLine,
    long? BadSeq,
    string? Problem,
    IReadOnlyList<string> SignedHeads)
{
    /// <summary>The exit code both CLIs use: 0 when intact, 1 when broken or incomplete.</summary>
    public int ExitCode => Status == ReplayLogStatus.Intact ? 0 : 1;

    /// <summary>The one- or two-line report both CLIs print.</summary>
    public string Describe() => Status switch
    {
        ReplayLogStatus.Intact => SignaturesChecked
            ? Invariant($"intact: {Records} records, {Checkpoints} checkpoints signed")
            : Invariant($"intact: {Records} records, {Checkpoints} checkpoints; signatures not checked (no key given)"),
        ReplayLogStatus.Incomplete => Invariant(
            $"incomplete: {Records} records chain correctly but the log has no signed end ({Problem}); {LastSigned()}.\n")
            + "The gateway may have stopped during the session, or the file was truncated; records after the last signed one are unproven.",
        _ => Invariant($"broken at line {BadLine} (seq {BadSeq}): {Problem}\n")
            + Invariant($"Records before line {BadLine} chain correctly; from line {BadLine} on the log cannot be trusted."),
    };

    private string LastSigned() => LastSignedSeq is { } seq
        ? Invariant($"the last signed record is seq {seq}") + (SignaturesChecked ? "" : " (signatures not checked: no key given)")
        : "no record is signed";

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
