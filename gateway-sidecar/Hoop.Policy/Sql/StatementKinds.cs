using Hoop.Api.V1Alpha1;

namespace Hoop.Policy.Sql;

/// <summary>Orders statement kinds by privilege, so a batch takes the kind of its most dangerous statement.</summary>
public static class StatementKinds
{
    /// <summary>Higher is more privileged. Unknown ranks highest: what is not understood is treated as the worst case.</summary>
    public static int Privilege(StatementKind kind) => kind switch
    {
        StatementKind.Read => 0,
        StatementKind.Transaction => 1,
        StatementKind.Session => 2,
        StatementKind.Write => 3,
        StatementKind.Ddl => 4,
        StatementKind.Dcl => 5,
        StatementKind.Admin => 6,
        _ => 7,
    };

    public static StatementKind MostPrivileged(StatementKind a, StatementKind b) => Privilege(b) > Privilege(a) ? b : a;

    public static StatementKind MostPrivileged(IEnumerable<StatementKind> kinds)
    {
        ArgumentNullException.ThrowIfNull(kinds);
        var most = StatementKind.Read;
        foreach (var kind in kinds)
        {
            most = MostPrivileged(most, kind);
        }

        return most;
    }
}
