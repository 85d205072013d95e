using System.Collections;
using System.Reflection;
using System.Text;
using k8s.Models;

namespace Hoop.Api.Tests.V1Alpha1;

/// <summary>
/// Builds random, fully or partly populated instances of the API types by reflection, for property tests. The same
/// seed builds the same object, so a failure names the seed that reproduces it.
/// </summary>
internal sealed class RandomObjects(int seed, double nullChance)
{
    private const string Alphabet = "abcXYZ019 _-./:'\"\\\n\t\u00e9\u4e2d\U0001F510";
    private static readonly string[] Quantities = ["1", "500m", "128Mi", "1Gi", "2.5", "100k"];
    private readonly Random _random = new(seed);

    public T Create<T>() => (T)Create(typeof(T), depth: 0)!;

    private object? Create(Type type, int depth)
    {
        if (Nullable.GetUnderlyingType(type) is { } inner)
        {
            return Skip() ? null : Create(inner, depth);
        }

        if (type == typeof(string))
        {
            return Text();
        }

        if (type == typeof(int))
        {
            return _random.Next(int.MinValue, int.MaxValue);
        }

        if (type == typeof(long))
        {
            return _random.NextInt64(long.MinValue, long.MaxValue);
        }

        if (type == typeof(bool))
        {
            return _random.Next(2) == 1;
        }

        if (type == typeof(DateTime))
        {
            // The API server keeps timestamps to the second, in UTC.
            return new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddSeconds(_random.Next(0, 400_000_000));
        }

        if (type.IsEnum)
        {
            var values = Enum.GetValues(type);
            return values.GetValue(_random.Next(values.Length));
        }

        if (type == typeof(ResourceQuantity))
        {
            return new ResourceQuantity(Quantities[_random.Next(Quantities.Length)]);
        }

        var definition = type.IsGenericType ? type.GetGenericTypeDefinition() : null;
        if (definition == typeof(IDictionary<,>) || definition == typeof(Dictionary<,>))
        {
            var arguments = type.GetGenericArguments();
            var map = (IDictionary)Activator.CreateInstance(typeof(Dictionary<,>).MakeGenericType(arguments))!;
            for (var i = _random.Next(0, 3); i > 0; i--)
            {
                map[$"k{i}-{Text()}"] = Create(arguments[1], depth + 1);
            }

            return map;
        }

        if (definition == typeof(IList<>) || definition == typeof(List<>))
        {
            var element = type.GetGenericArguments()[0];
            var list = (IList)Activator.CreateInstance(typeof(List<>).MakeGenericType(element))!;
            for (var i = _random.Next(depth > 4 ? 0 : 1, 4); i > 0; i--)
            {
                list.Add(Create(element, depth + 1));
            }

            return list;
        }

        if (type.IsClass)
        {
            var instance = Activator.CreateInstance(type)!;
            foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite))
            {
                if (property.Name is "ApiVersion" or "Kind" && property.DeclaringType!.IsGenericType)
                {
                    continue;
                }

                var nullable = !property.PropertyType.IsValueType && new NullabilityInfoContext().Create(property).WriteState == NullabilityState.Nullable;
                property.SetValue(instance, nullable && Skip() ? null : Create(property.PropertyType, depth + 1));
            }

            return instance;
        }

        throw new NotSupportedException($"cannot build a random {type}");
    }

    private bool Skip() => _random.NextDouble() < nullChance;

    private string Text()
    {
        var text = new StringBuilder();
        for (var i = _random.Next(1, 12); i > 0; i--)
        {
            // Surrogate pairs come whole: a lone half is not valid JSON text.
            var start = _random.Next(Alphabet.Length);
            text.Append(char.IsHighSurrogate(Alphabet[start]) ? Alphabet.AsSpan(start, 2) : char.IsLowSurrogate(Alphabet[start]) ? "x" : Alphabet.AsSpan(start, 1));
        }

        return text.ToString();
    }
}
