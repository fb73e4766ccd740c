package io.jenkins.plugins.kubeagents.testing;

import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Wraps the CRUD dispatcher: records every request (verb, path, who sent it) and answers chosen requests with
 * faults instead.
 */
public final class RecordingDispatcher extends Dispatcher {
    /**
     * One request as the server saw it; {@code verb} is LIST or WATCH for a GET on a collection; {@code uri} is the
     * path with its query, as an audit log records it.
     */
    public record Request(String verb, String path, String userAgent, long atNanos, String uri) {
        public String key() {
            return verb + " " + path;
        }
    }

    private record Fault(Predicate<RecordedRequest> matches, Function<Integer, Boolean> when,
            Supplier<MockResponse> response, AtomicInteger seen) {}

    /** Requests held before they reach the server, until released: a request in flight for as long as a test needs. */
    public static final class Hold {
        private final Predicate<RecordedRequest> matches;
        private final CountDownLatch arrived = new CountDownLatch(1);
        private final CountDownLatch released = new CountDownLatch(1);

        private Hold(Predicate<RecordedRequest> matches) {
            this.matches = matches;
        }

        /** Blocks until a matching request is held, failing after {@code patience}. */
        public void awaitHeld(Duration patience) throws InterruptedException {
            if (!arrived.await(patience.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("no request was held within " + patience);
            }
        }

        /** Lets the held requests, and any later one, through to the server. */
        public void release() {
            released.countDown();
        }

        private void pass(RecordedRequest request) {
            if (matches.test(request)) {
                arrived.countDown();
                try {
                    released.await(Engine.patience().toMillis(), TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    private final Dispatcher delegate;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final List<Fault> faults = new CopyOnWriteArrayList<>();
    private final List<Hold> holds = new CopyOnWriteArrayList<>();

    public RecordingDispatcher(Dispatcher delegate) {
        this.delegate = delegate;
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        String fullPath = request.getPath();
        String path = pathOf(request);
        String verb = request.getMethod();
        if ("GET".equals(verb) && fullPath.contains("watch=true")) {
            verb = "WATCH";
        } else if ("GET".equals(verb) && isCollection(path)) {
            verb = "LIST";
        }
        requests.add(new Request(verb, path, String.valueOf(request.getHeader("User-Agent")), System.nanoTime(), fullPath));
        holds.forEach(hold -> hold.pass(request));
        for (Fault f : faults) {
            if (f.matches.test(request) && f.when.apply(f.seen.incrementAndGet())) {
                return f.response.get();
            }
        }
        return delegate.dispatch(request);
    }

    /** Answers matching requests with {@code response} whenever {@code when(n)} is true for the n-th match (from 1). */
    public void fault(String method, String pathRegex, Function<Integer, Boolean> when, Supplier<MockResponse> response) {
        Pattern pattern = Pattern.compile(pathRegex);
        fault(r -> method.equals(r.getMethod()) && pattern.matcher(pathOf(r)).matches(), when, response);
    }

    /** Answers requests that {@code matches} accepts with {@code response} whenever {@code when(n)} is true. */
    public void fault(Predicate<RecordedRequest> matches, Function<Integer, Boolean> when, Supplier<MockResponse> response) {
        faults.add(new Fault(matches, when, response, new AtomicInteger()));
    }

    private static String pathOf(RecordedRequest request) {
        String fullPath = request.getPath();
        return fullPath.contains("?") ? fullPath.substring(0, fullPath.indexOf('?')) : fullPath;
    }

    /** Holds requests of that method and path until the hold is released. */
    public Hold hold(String method, String pathRegex) {
        Pattern pattern = Pattern.compile(pathRegex);
        Hold hold = new Hold(r -> method.equals(r.getMethod()) && pattern.matcher(pathOf(r)).matches());
        holds.add(hold);
        return hold;
    }

    public void clearFaults() {
        faults.clear();
    }

    /** Requests not sent by {@code excludedUserAgentPrefix} (the simulated kubelet). */
    public List<Request> requests(String excludedUserAgentPrefix) {
        return requests.stream().filter(r -> !r.userAgent().startsWith(excludedUserAgentPrefix)).toList();
    }

    public Map<String, Long> countsByVerb(String excludedUserAgentPrefix) {
        return requests(excludedUserAgentPrefix).stream().collect(Collectors.groupingBy(Request::verb, Collectors.counting()));
    }

    public void reset() {
        requests.clear();
    }

    private static boolean isCollection(String path) {
        String[] parts = path.split("/");
        // /api/v1/pods, /api/v1/namespaces/ns/pods: an odd number of segments after the group version
        String last = parts[parts.length - 1];
        return last.equals("pods") || last.equals("secrets") || last.equals("events") || last.equals("namespaces")
                || last.equals("resourcequotas") || last.equals("limitranges");
    }
}
