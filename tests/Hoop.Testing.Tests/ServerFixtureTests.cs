using Hoop.Testing.Processes;

namespace Hoop.Testing.Tests;

public sealed class ServerFixtureTests
{
    [Fact]
    public async Task A_missing_server_is_reported_with_its_package_and_fails_under_CI()
    {
        var fixture = new UninstalledServerFixture();
        if (TestEnvironment.IsCI)
        {
            var failure = await Assert.ThrowsAsync<InvalidOperationException>(async () => await fixture.InitializeAsync());
            Assert.Contains("Debian package hoop-nonexistent-server", failure.Message, StringComparison.Ordinal);
            Assert.Contains("CI=true", failure.Message, StringComparison.Ordinal);
            return;
        }

        // Outside CI the fixture comes up empty; touching Server then calls Assert.Skip with this reason.
        await fixture.InitializeAsync();
        Assert.Contains("Debian package hoop-nonexistent-server", fixture.MissingReason, StringComparison.Ordinal);
    }

    private sealed class UninstalledServerFixture : ServerFixture<IAsyncDisposable>
    {
        protected override string? MissingPrerequisite() =>
            "the example server is not installed; install the Debian package hoop-nonexistent-server (run `make deps`)";

        protected override Task<IAsyncDisposable> StartAsync(CancellationToken cancellationToken) =>
            throw new InvalidOperationException("a missing server must never be started");
    }
}
