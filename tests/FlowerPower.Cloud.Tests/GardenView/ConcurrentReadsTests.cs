using FlowerPower.Cloud.GardenView;

namespace FlowerPower.Cloud.Tests.GardenView;

/// <summary>The reads a garden is made of run at once, and a failure of one cancels the others and is the one thrown.</summary>
public sealed class ConcurrentReadsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_first_failure_cancels_the_other_reads_and_is_the_one_thrown()
    {
        var siblingsCancelled = 0;
        async Task<int> Waiting(CancellationToken token)
        {
            try
            {
                await Task.Delay(Timeout.Infinite, token);
                return 0;
            }
            catch (OperationCanceledException)
            {
                Interlocked.Increment(ref siblingsCancelled);
                throw;
            }
        }

        var failure = new InvalidDataException("the configuration failed");
        async Task<int> Failing(CancellationToken token)
        {
            await Task.Yield();
            throw failure;
        }

        var thrown = await Assert.ThrowsAsync<InvalidDataException>(() =>
            ConcurrentReads.ReadAsync(Waiting, Failing, Waiting, Ct));

        Assert.Same(failure, thrown);
        Assert.Equal(2, siblingsCancelled);
    }

    [Fact]
    public async Task Every_answer_comes_back_in_its_place()
    {
        var (a, b, c) = await ConcurrentReads.ReadAsync(_ => Task.FromResult(1), _ => Task.FromResult("two"), async _ => { await Task.Yield(); return 3.0; }, Ct);

        Assert.Equal((1, "two", 3.0), (a, b, c));
    }

    [Fact]
    public async Task The_callers_cancellation_is_a_cancellation()
    {
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        static async Task<int> Forever(CancellationToken token)
        {
            await Task.Delay(Timeout.Infinite, token);
            return 0;
        }

        var read = ConcurrentReads.ReadAsync(Forever, Forever, _ => Task.FromResult(3), cancel.Token);

        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => read);
    }
}
