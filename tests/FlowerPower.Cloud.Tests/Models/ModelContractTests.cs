using System.Reflection;
using System.Text.Json.Serialization.Metadata;
using FlowerPower.Cloud.Api;

namespace FlowerPower.Cloud.Tests.Models;

/// <summary>How the source-generated JSON context builds the models.</summary>
public sealed class ModelContractTests
{
    public static TheoryData<Type> ModelTypes()
    {
        var data = new TheoryData<Type>();
        foreach (var type in typeof(FlowerPowerModel).Assembly.GetTypes()
                     .Where(type => type.IsSubclassOf(typeof(FlowerPowerModel)) && !type.IsAbstract)
                     .OrderBy(type => type.FullName, StringComparer.Ordinal))
        {
            data.Add(type);
        }

        return data;
    }

    /// <summary>
    /// An init-only property sends the source generator down its constructor path: every value of every object is
    /// boxed into an argument array before the object is made (40 % of a garden status call's bytes). A model is made
    /// empty and filled through its setters instead.
    /// </summary>
    [Theory]
    [MemberData(nameof(ModelTypes))]
    public void Every_model_is_made_empty_and_filled_through_setters(Type type)
    {
        var typeInfo = FlowerPowerJsonContext.Default.GetTypeInfo(type);

        Assert.NotNull(typeInfo);
        Assert.Equal(JsonTypeInfoKind.Object, typeInfo.Kind);
        Assert.NotNull(typeInfo.CreateObject);
        var initOnly = type.GetProperties(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance)
            .Where(property => property.SetMethod?.ReturnParameter.GetRequiredCustomModifiers()
                .Contains(typeof(System.Runtime.CompilerServices.IsExternalInit)) == true)
            .Select(property => property.Name);
        Assert.Empty(initOnly);
    }
}
