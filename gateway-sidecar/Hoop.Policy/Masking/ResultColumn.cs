using Hoop.Api.V1Alpha1;

namespace Hoop.Policy.Masking;

/// <summary>
/// A column of a result set as the database describes it: its name and, when known, its table (optionally
/// schema-qualified, <c>public.users</c>); null for computed expressions or when the driver does not say.
/// </summary>
/// <param name="Table">The table the column's values come from, when known.</param>
/// <param name="Name">The name the result gives the column (an alias, when the statement renamed it).</param>
/// <param name="SourceName">The table column the values come from, when known and different from <paramref name="Name"/>:
/// a rule masks a column under every alias.</param>
/// <param name="Inherited">For a column no rule names, the strategy it must be masked with anyway: a computed value over
/// masked columns, or a column whose source could not be known, fails closed.</param>
public readonly record struct ResultColumn(string? Table, string Name, string? SourceName = null, MaskingStrategy? Inherited = null);
