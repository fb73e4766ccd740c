package io.jenkins.plugins.kubeagents.engine.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.junit.Test;

public class ApiRetryTest {
    private final ApiRetry retry = new ApiRetry(new Backoff(Duration.ofMillis(100), Duration.ofSeconds(5)), Runnable::run, Clock.systemUTC());

    @Test
    public void waitsAtLeastAsLongAsRetryAfterSays() {
        Status tooMany = new StatusBuilder().withCode(429).withReason("TooManyRequests").withNewDetails()
                .withRetryAfterSeconds(2).endDetails().build();
        assertThat(retry.retryDelay(new KubernetesClientException("slow down", 429, tooMany), 1)).contains(Duration.ofSeconds(2));
    }

    @Test
    public void backsOffExponentiallyOnServerErrorsUpToTheMaximum() {
        KubernetesClientException error = new KubernetesClientException("boom", 500, null);
        assertThat(retry.retryDelay(error, 1)).contains(Duration.ofMillis(100));
        assertThat(retry.retryDelay(error, 3)).contains(Duration.ofMillis(400));
        assertThat(retry.retryDelay(error, 30)).contains(Duration.ofSeconds(5));
        assertThat(retry.retryDelay(new KubernetesClientException("unreachable"), 1)).isPresent();
    }

    @Test
    public void waitsOutQuotaButNotMissingPermissionsOrBadRequests() {
        assertThat(retry.retryDelay(new KubernetesClientException("pods \"a\" is forbidden: exceeded quota: q", 403, null), 1)).isPresent();
        for (int code : new int[] {400, 403, 404, 409, 422}) {
            assertThat(retry.retryDelay(new KubernetesClientException("no", code, null), 1)).as("HTTP " + code).isEqualTo(Optional.empty());
        }
        assertThat(retry.retryDelay(new IllegalStateException("bug"), 1)).isEmpty();
    }
}
