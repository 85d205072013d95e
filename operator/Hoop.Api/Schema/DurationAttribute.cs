namespace Hoop.Api.Schema;

/// <summary>
/// A string holding a Go duration (<c>30m</c>, <c>1h30m</c>) between <see cref="Minimum"/> and <see cref="Maximum"/>;
/// the generator turns it into a pattern and a CEL bound check.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class DurationAttribute(string minimum, string maximum) : Attribute
{
    /// <summary>Units the API server's CEL <c>duration()</c> accepts; days are not among them.</summary>
    public const string Pattern = @"^([0-9]+(\.[0-9]+)?(ns|us|µs|ms|s|m|h))+$";

    public string Minimum { get; } = minimum;

    public string Maximum { get; } = maximum;
}
