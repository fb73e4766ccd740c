package io.jenkins.plugins.kubeagents.engine.lifecycle;

import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Retries API writes the way the API server asks: 5xx, 429 and lost connections again after a back-off, never
 * sooner than the server's Retry-After; a quota refusal (403 "exceeded quota") is waited out, not failed, and
 * reported. Anything else (403 for a missing permission, 404, 409, 422) is final and goes back to the caller.
 * The delay is scheduled, so no thread sleeps while waiting.
 */
public final class ApiRetry {
    private final Backoff backoff;
    private final Executor executor;
    private final Clock clock;
    private final LongAdder retries = new LongAdder();

    ApiRetry(Backoff backoff, Executor executor, Clock clock) {
        this.backoff = backoff;
        this.executor = executor;
        this.clock = clock;
    }

    /**
     * Runs {@code call} on the executor until it succeeds, fails for good, or {@code giveUpAt} passes.
     *
     * @param onWait told each time a retry is scheduled, with why (e.g. "waiting for quota: ...")
     */
    <T> CompletableFuture<T> call(Supplier<T> call, Instant giveUpAt, Consumer<String> onWait) {
        CompletableFuture<T> result = new CompletableFuture<>();
        attempt(call, 1, giveUpAt, onWait, result, executor);
        return result;
    }

    private <T> void attempt(Supplier<T> call, int attempt, Instant giveUpAt, Consumer<String> onWait,
            CompletableFuture<T> result, Executor runOn) {
        CompletableFuture.supplyAsync(call, runOn).whenComplete((value, error) -> {
            if (error == null) {
                result.complete(value);
                return;
            }
            Throwable cause = error instanceof java.util.concurrent.CompletionException ? error.getCause() : error;
            Optional<Duration> delay = retryDelay(cause, attempt);
            if (delay.isEmpty() || clock.instant().plus(delay.get()).isAfter(giveUpAt)) {
                result.completeExceptionally(cause);
                return;
            }
            onWait.accept(describe(cause));
            retries.increment();
            attempt(call, attempt + 1, giveUpAt, onWait, result,
                    CompletableFuture.delayedExecutor(delay.get().toMillis(), TimeUnit.MILLISECONDS, executor));
        });
    }

    /** Calls sent again after a failure, so far. */
    long retries() {
        return retries.sum();
    }

    /** How long to wait before retry number {@code attempt}, or empty when the error is final. */
    Optional<Duration> retryDelay(Throwable error, int attempt) {
        if (!(error instanceof KubernetesClientException e)) {
            return Optional.empty();
        }
        int code = e.getCode();
        boolean retryable = code <= 0 || code == 429 || code >= 500 || isQuota(e); // code <= 0: no HTTP answer at all
        if (!retryable) {
            return Optional.empty();
        }
        Duration delay = backoff.delay(attempt);
        Duration retryAfter = retryAfter(e);
        return Optional.of(retryAfter.compareTo(delay) > 0 ? retryAfter : delay);
    }

    public static boolean isQuotaError(Throwable error) {
        return error instanceof KubernetesClientException e && isQuota(e);
    }

    static boolean isQuota(KubernetesClientException e) {
        return e.getCode() == 403 && String.valueOf(e.getMessage()).contains("exceeded quota");
    }

    public static String describe(Throwable error) {
        if (error instanceof KubernetesClientException e) {
            String message = e.getStatus() != null && e.getStatus().getMessage() != null ? e.getStatus().getMessage()
                    : String.valueOf(e.getMessage());
            if (isQuota(e)) {
                return "waiting for quota: " + message;
            }
            return "HTTP " + e.getCode() + ": " + message;
        }
        return String.valueOf(error);
    }

    private static Duration retryAfter(KubernetesClientException e) {
        Status status = e.getStatus();
        if (status == null || status.getDetails() == null || status.getDetails().getRetryAfterSeconds() == null) {
            return Duration.ZERO;
        }
        return Duration.ofSeconds(status.getDetails().getRetryAfterSeconds());
    }
}
