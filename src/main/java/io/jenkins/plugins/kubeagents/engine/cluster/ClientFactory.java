package io.jenkins.plugins.kubeagents.engine.cluster;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.http.Interceptor;
import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory;
import io.jenkins.plugins.kubeagents.engine.validation.InvalidTemplateException;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Builds the fabric8 client for a cloud's settings. One client per cloud configuration. */
public final class ClientFactory {
    private ClientFactory() {}

    public static KubernetesClient create(ClusterSettings settings) {
        InvalidTemplateException.throwIfAny(settings.problems("cloud"));
        return create(config(settings));
    }

    /** A cloud's client, whose every request {@code requests} sees. */
    public static KubernetesClient create(ClusterSettings settings, Interceptor requests) {
        InvalidTemplateException.throwIfAny(settings.problems("cloud"));
        return create(config(settings), requests);
    }

    /**
     * The client on the JDK HTTP client, named explicitly: inside Jenkins the service loader runs with another
     * class loader and may find no HTTP client at all. fabric8's own retries are off: the lifecycle engine retries
     * writes itself (honouring Retry-After, which fabric8 does not), and informers reconnect on their own.
     */
    public static KubernetesClient create(Config config) {
        config.setRequestRetryBackoffLimit(0);
        return new KubernetesClientBuilder().withConfig(config).withHttpClientFactory(new JdkHttpClientFactory()).build();
    }

    public static KubernetesClient create(Config config, Interceptor requests) {
        config.setRequestRetryBackoffLimit(0);
        return new KubernetesClientBuilder().withConfig(config).withHttpClientFactory(new JdkHttpClientFactory())
                .withHttpClientBuilderConsumer(builder -> builder.addOrReplaceInterceptor("kube-agents-requests", requests))
                .build();
    }

    static Config config(ClusterSettings settings) {
        Config base;
        if (settings.auth() instanceof ClusterSettings.Kubeconfig k) {
            base = k.path() == null || k.path().isEmpty()
                    ? Config.autoConfigure(k.context()) : Config.fromKubeconfig(k.context(), new File(k.path()));
        } else if (settings.auth() instanceof ClusterSettings.Token t) {
            base = tokenConfig(t);
        } else {
            base = Config.autoConfigure(null);
        }
        ConfigBuilder b = new ConfigBuilder(base)
                .withNamespace(settings.namespace())
                .withTrustCerts(settings.skipTlsVerify())
                .withConnectionTimeout(settings.connectTimeoutSeconds() * 1000)
                .withRequestTimeout(settings.readTimeoutSeconds() * 1000)
                .withUserAgent("kube-agents");
        if (settings.serverUrl() != null && !settings.serverUrl().isEmpty()) {
            b.withMasterUrl(settings.serverUrl());
        }
        return b.build();
    }

    private static Config tokenConfig(ClusterSettings.Token t) {
        ConfigBuilder b = new ConfigBuilder(Config.empty()).withOauthToken(t.token());
        if (t.caCertificatePem() != null && !t.caCertificatePem().isBlank()) {
            b.withCaCertData(Base64.getEncoder().encodeToString(t.caCertificatePem().getBytes(StandardCharsets.UTF_8)));
        }
        return b.build();
    }
}
