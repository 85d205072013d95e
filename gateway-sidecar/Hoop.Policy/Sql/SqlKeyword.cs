namespace Hoop.Policy.Sql;

/// <summary>The keywords the classifier looks at; a member's name, upper-cased, is its spelling.</summary>
internal enum SqlKeyword : ushort
{
    None,

    // Statement heads.
    Abort, Alter, Analyse, Analyze, Begin, Binlog, Cache, Call, Change, Check, Checkpoint, Checksum, Clone, Close, Cluster,
    Comment, Commit, Copy, Create, Deallocate, Declare, Delete, Delimiter, Desc, Describe, Discard, Do, Drop, End, Execute,
    Explain, Fetch, Flush, Grant, Handler, Help, Import, Insert, Install, Kill, Listen, Load, Lock, Merge, Move, Notify,
    Optimize, Prepare, Purge, Reassign, Refresh, Reindex, Release, Rename, Repair, Replace, Reset, Restart, Revoke,
    Rollback, Savepoint, Security, Select, Set, Show, Shutdown, Source, Start, Stop, Table, Truncate, Uninstall, Unlisten,
    Unlock, Update, Upsert, Use, Vacuum, Values, With, Xa,

    // Words after the head.
    All, And, Any, Array, As, Atomic, Authorization, Both, By, Case, Cast, Characteristics, Columns, Conflict, Constraint,
    Constraints, Cube, Cursor, Default, Distinct, Domain, Else, Escape, Event, Except, Exclude, Exists, Filter, First,
    For, Force, From, Function, Global, Group, Having, If, Ignore, ILike, In, Include, Index, Into, Intersect, Is, Join,
    Key, Lateral, Leading, Like, Limit, Local, Materialized, Match, Against, Mode, Names, Next, No, Not, Of, Offset, On,
    Only, Operator, Or, Outfile, Dumpfile, Over, Owned, Partition, Password, Persist, Primary, Privileges, Procedure,
    Program, Range, Recursive, References, Regexp, Repeatable, Return, Returning, RLike, Role, Rollup, Row, Rows, Session,
    Sets, Share, Similar, Some, Stdin, Stdout, System, Tablesample, Tables, Then, To, Trailing, Transaction, Trigger, Type,
    Union, Unique, Unlogged, User, Using, Value, View, When, Where, Window, Within, Work, Xor, Temp, Temporary, Instance,
    Master, Slave, Replica, Plans, Sequences, Data, Xml, Infile, Rule, Policy, Aggregate, Prepared, Statement, Label,
    Definer, Member, Sounds, Interval, Database, Schema, Extension, Server, Ordinality, Straight_Join, Dual, Natural,
    Cross, Left, Right, Inner, Outer, Full, Nowait, Skip, Locked, Verbose, Format, Costs, Buffers, Settings, Wal, Timing,
    Summary, Generic_Plan, Memory, Serialize, Extended, Partitions, Connection, Low_Priority, Delayed, High_Priority, Quick,
    Once, Scroll, Binary, Insensitive, Asensitive, Hold, Without, Concurrently, Cascade, Restrict, Owner, Always,
    Generated, Foreign, Collate, Symmetric, Asymmetric, Overlaps, Isnull, Notnull, Distinctrow, Sql_Calc_Found_Rows,
    Sql_No_Cache, Sql_Cache, Sql_Small_Result, Sql_Big_Result, Sql_Buffer_Result, Query, Div, Mod, Order, Freeze, Sequence, Large, Tablespace, Language, Routine, Parameter, Returns, After, Before,
}
