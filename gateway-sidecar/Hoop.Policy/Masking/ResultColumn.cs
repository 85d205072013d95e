namespace Hoop.Policy.Masking;

/// <summary>
/// A column of a result set as the database describes it: its name and, when known, its table (optionally
/// schema-qualified, <c>public.users</c>); null for computed expressions or when the driver does not say.
/// </summary>
public readonly record struct ResultColumn(string? Table, string Name);
