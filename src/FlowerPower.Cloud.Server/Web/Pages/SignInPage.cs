namespace FlowerPower.Cloud.Server.Web.Pages;

/// <summary>The sign-in form: email and password, as the Flower Power app asked, and one line when it went wrong.</summary>
internal static class SignInPage
{
    public static string Render(string formToken, string? email, string? problem) => Html.Page(
        "Sign in",
        $"""
        <form class="sign-in" method="post" action="/sign-in">
        <h1>Sign in to your garden</h1>
        {(problem is null ? string.Empty : $"<p class=\"error\" role=\"alert\">{Html.Encode(problem)}</p>")}
        <input type="hidden" name="form-token" value="{Html.Encode(formToken)}">
        <label>Email <input type="email" name="email" autocomplete="username" required value="{Html.Encode(email)}"></label>
        <label>Password <input type="password" name="password" autocomplete="current-password" required></label>
        <button type="submit">Sign in</button>
        </form>
        """,
        formToken: null);
}
