package io.jenkins.plugins.kubeagents.engine.metrics;

import io.fabric8.kubernetes.client.http.AsyncBody;
import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import io.fabric8.kubernetes.client.http.Interceptor;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Every request a cloud's client sends, counted by verb and resource ({@code POST pods}, {@code WATCH pods}), and
 * the answers that asked it to slow down (HTTP 429). Installed on the client, so it sees what reached the wire:
 * the informer's LIST and WATCH, and each retry, as well as the engine's own calls.
 */
public final class ApiRequests implements Interceptor {
    private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();
    private final LongAdder throttled = new LongAdder();

    @Override
    public void before(BasicBuilder builder, HttpRequest request, RequestTags tags) {
        counts.computeIfAbsent(key(request.method(), request.uri()), k -> new LongAdder()).increment();
    }

    @Override
    public void after(HttpRequest request, HttpResponse<?> response, AsyncBody.Consumer<List<ByteBuffer>> consumer) {
        if (response.code() == 429) {
            throttled.increment();
        }
    }

    /** Requests so far by {@code VERB resource}, sorted. */
    public Map<String, Long> counts() {
        Map<String, Long> sorted = new TreeMap<>();
        counts.forEach((key, count) -> sorted.put(key, count.sum()));
        return sorted;
    }

    /** Answers of 429 Too Many Requests so far. */
    public long throttled() {
        return throttled.sum();
    }

    /**
     * The verb as Kubernetes' audit log names it (a GET of a collection is a LIST, with {@code watch=true} a WATCH)
     * and the resource, with its subresource: {@code /api/v1/namespaces/ns/pods/x/status} is {@code pods/status}.
     */
    static String key(String method, URI uri) {
        String[] path = uri.getPath().replaceAll("^/+|/+$", "").split("/");
        int at = path.length > 0 && path[0].equals("apis") ? 3 : 2; // skip api/v1 or apis/group/version
        boolean namespaced = path.length > at + 2 && path[at].equals("namespaces");
        int resource = namespaced ? at + 2 : at;
        String name = resource < path.length ? path[resource] : uri.getPath();
        boolean single = path.length > resource + 1;
        String subresource = path.length > resource + 2 ? "/" + path[resource + 2] : "";
        String query = uri.getQuery() == null ? "" : uri.getQuery();
        String verb = !method.equals("GET") ? method : query.contains("watch=true") ? "WATCH" : single ? "GET" : "LIST";
        return verb + " " + name + subresource;
    }
}
