namespace Hoop.Policy.Sql;

/// <summary>What calling a built-in function does, beyond computing a value.</summary>
internal enum SqlFunctionEffect : byte
{
    /// <summary>Not on any list: a user-defined or unreviewed function, which may do anything.</summary>
    Unknown,

    /// <summary>Reviewed: computes a value from its arguments and the database state, changes nothing.</summary>
    None,

    /// <summary>Changes session state (<c>set_config</c>, MySQL <c>LAST_INSERT_ID(expr)</c>).</summary>
    Session,

    /// <summary>Changes the privileges of the session (<c>set_config('role', ...)</c>).</summary>
    Dcl,

    /// <summary>Changes data (<c>nextval</c>, <c>setval</c>, large-object writes, <c>pg_notify</c>).</summary>
    Write,

    /// <summary>Acts on the server, other sessions or its files (<c>pg_terminate_backend</c>, <c>pg_read_file</c>, <c>SLEEP</c>).</summary>
    Admin,
}
