namespace Hoop.Api;

/// <summary>Condition types on hoop objects. Every kind has Ready, Progressing and Degraded.</summary>
public static class ConditionTypes
{
    public const string Ready = "Ready";
    public const string Progressing = "Progressing";
    public const string Degraded = "Degraded";

    /// <summary>On an AccessRequest approved through break-glass.</summary>
    public const string BreakGlass = "BreakGlass";
}
