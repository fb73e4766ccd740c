package io.jenkins.plugins.kubeagents.cli;

import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReviewStatusBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.nio.charset.StandardCharsets;

/**
 * What the CRUD mock server lacks to pass for an API server in a check: a version, an authorizer, and exec into a
 * pod's container ({@link LocalExec}). The embedded API has no RBAC, so every access review is allowed, saying why.
 */
final class EmbeddedApi extends Dispatcher {
    static final String VERSION = "v0.0.0-embedded";
    /** Exec, and every other request on to the CRUD mock. */
    private final LocalExec exec;
    private final KubernetesSerialization json = new KubernetesSerialization();

    EmbeddedApi(Dispatcher crud) {
        this.exec = new LocalExec(crud);
    }

    /** The next exec's connection drops once its command started (a fault to test against). */
    void dropNextExecConnection() {
        exec.dropNextConnection();
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        String path = request.getPath();
        if ("GET".equals(request.getMethod()) && "/version".equals(path)) {
            return new MockResponse().setResponseCode(200)
                    .setBody("{\"major\":\"0\",\"minor\":\"0\",\"gitVersion\":\"" + VERSION + "\"}");
        }
        if ("POST".equals(request.getMethod()) && path.endsWith("/selfsubjectaccessreviews")) {
            // getBytes, not readUtf8: reading would drain the body for any dispatcher that looks at it after us
            SelfSubjectAccessReview review = json.unmarshal(new String(request.getBody().getBytes(), StandardCharsets.UTF_8),
                    SelfSubjectAccessReview.class);
            review.setStatus(new SubjectAccessReviewStatusBuilder().withAllowed(true)
                    .withReason("the embedded API has no RBAC").build());
            return new MockResponse().setResponseCode(201).setBody(json.asJson(review));
        }
        return exec.dispatch(request);
    }
}
