using System.Security.Cryptography;

namespace CasesDashboard.Features.Common;

/// <summary>Persona-shaped public ids: a prefix and 24 random base58 characters.</summary>
public static class PublicIds
{
    public const string Alphabet = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

    public static string New(string prefix) =>
        prefix + RandomNumberGenerator.GetString(Alphabet, 24);
}
