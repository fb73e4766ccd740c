package io.jenkins.plugins.kubeagents.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import org.junit.Test;

/** The embedded kubelet's refusals are Status objects, as the API server answers, whatever their message holds. */
public class LocalExecTest {
    @Test
    public void anExecIntoAPodThatDoesNotExistIsAStatusThatNamesThePod() {
        Dispatcher noObjects = new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                return new MockResponse().setResponseCode(404);
            }
        };
        String path = "/api/v1/namespaces/kube-ops/pods/maven-gone/exec?command=true&container=maven&stdout=true";

        MockResponse answer = new LocalExec(noObjects).dispatch(new RecordedRequest("GET " + path + " HTTP/1.1", HttpMethod.GET,
                path, new Headers.Builder().build(), new Buffer()));

        assertThat(answer.code()).isEqualTo(404);
        Status status = new KubernetesSerialization().unmarshal(answer.getBody().readUtf8(), Status.class);
        assertThat(status.getMessage()).isEqualTo("pods \"maven-gone\" not found");
        assertThat(status.getCode()).isEqualTo(404);
    }
}
