namespace Hoop.Api.Schema;

/// <summary>A column <c>kubectl get</c> prints for the kind (<c>additionalPrinterColumns</c>), in <see cref="Order"/>.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true)]
public sealed class PrinterColumnAttribute(int order, string name, string type, string jsonPath) : Attribute
{
    public int Order { get; } = order;

    public string Name { get; } = name;

    /// <summary>OpenAPI type: <c>string</c>, <c>integer</c>, <c>boolean</c>, <c>date</c>.</summary>
    public string Type { get; } = type;

    public string JsonPath { get; } = jsonPath;

    public string? Description { get; init; }

    /// <summary>0 for the default view, 1 for <c>-o wide</c> only.</summary>
    public int Priority { get; init; }
}
