package io.jenkins.plugins.kubeagents.engine.render;

import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/**
 * The agent's own Secret, which holds its inbound secret so the pod spec never does.
 *
 * <p>Its life is tied to the pod's: it is created first (the kubelet resolves {@code JENKINS_SECRET} from it when
 * it starts the {@code jnlp} container, and a missing Secret would fail that container), then, once the pod exists,
 * given an ownerReference to the pod, so that Kubernetes' garbage collector deletes it with the pod. The window
 * between the two writes, or a controller crash inside it, is closed by the orphan sweep, which deletes our
 * Secrets whose pod is gone. It is immutable: nothing ever rewrites an agent's secret.
 */
public final class AgentSecrets {
    /** The key under which the Secret holds the agent's inbound secret. */
    public static final String KEY = "jenkins-agent-secret";

    private AgentSecrets() {}

    public static String secretName(AgentIdentity agent) {
        return agent.agentName();
    }

    /** The Secret for an agent; the value is the inbound secret Jenkins computed for the agent's name. */
    public static Secret secretFor(AgentIdentity agent, String inboundSecret) {
        return new SecretBuilder()
                .withNewMetadata()
                .withName(secretName(agent))
                .withNamespace(agent.namespace())
                .withLabels(OwnLabels.of(agent))
                .endMetadata()
                .withType("Opaque")
                .withImmutable(true)
                .withData(Map.of(KEY, Base64.getEncoder().encodeToString(inboundSecret.getBytes(StandardCharsets.UTF_8))))
                .build();
    }

    /** The ownerReference that makes the Secret go when its pod goes. */
    public static OwnerReference ownedBy(Pod pod) {
        return new OwnerReferenceBuilder()
                .withApiVersion("v1")
                .withKind("Pod")
                .withName(pod.getMetadata().getName())
                .withUid(pod.getMetadata().getUid())
                .withBlockOwnerDeletion(false)
                .withController(false)
                .build();
    }

    /**
     * The JSON merge patch that gives the agent's Secret its pod as owner: sent as it is, without reading the
     * Secret first. Pod names and uids need no JSON escaping (DNS labels, UUIDs).
     */
    public static String ownerPatch(Pod pod) {
        OwnerReference owner = ownedBy(pod);
        return "{\"metadata\":{\"ownerReferences\":[{\"apiVersion\":\"" + owner.getApiVersion() + "\",\"kind\":\""
                + owner.getKind() + "\",\"name\":\"" + owner.getName() + "\",\"uid\":\"" + owner.getUid()
                + "\",\"blockOwnerDeletion\":false,\"controller\":false}]}}";
    }
}
