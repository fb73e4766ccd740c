package io.jenkins.plugins.kubeagents.testing;

import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.authentication.TokenRequestBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.junit.Assume;

/**
 * A real Kubernetes control plane for tests, started once per test JVM: etcd (no fsync), kube-apiserver (RBAC,
 * a client-certificate admin, ServiceAccount tokens, an audit log, loopback only) and kube-controller-manager
 * (garbage collector, namespaces, ServiceAccounts, quotas, cluster-role aggregation). The binaries are built from
 * Go modules by {@code test-cluster/build.sh} on first use and cached outside the repository. Without Go and without
 * cached binaries the tests that need it are skipped, and say so loudly: nothing is silently green.
 */
public final class RealCluster {
    private static final Logger LOGGER = Logger.getLogger(RealCluster.class.getName());
    private static final Duration START_LIMIT = Duration.ofMinutes(2);
    private static RealCluster shared;
    private static String unavailable;
    private static RuntimeException failedToStart;

    private final Path dir;
    private final Path bin;
    private final List<Process> processes = new ArrayList<>();
    private final int etcdPort;
    private final int apiPort;
    private final Config adminConfig;
    private final KubernetesClient admin;

    /** The JVM's control plane, started on first use; skips the calling test when it cannot be had. */
    public static synchronized RealCluster shared() {
        if (failedToStart != null) {
            throw new IllegalStateException("the real cluster failed to start for an earlier test", failedToStart);
        }
        if (shared == null && unavailable == null) {
            try {
                shared = new RealCluster(binaries());
                Runtime.getRuntime().addShutdownHook(new Thread(shared::stop, "real-cluster-stop"));
            } catch (RuntimeException e) {
                if (!(e instanceof Unavailable)) {
                    failedToStart = e;
                    throw e;
                }
                unavailable = e.getMessage();
                System.err.println("\n*** REAL-CLUSTER TESTS SKIPPED: " + unavailable + " ***\n"
                        + "*** Install Go 1.26 or newer (go on the PATH) and run mvn -B -ntp verify again; the first run builds "
                        + "the control plane with test-cluster/build.sh. ***\n");
            }
        }
        Assume.assumeTrue("real-cluster tests skipped: " + unavailable, unavailable == null);
        return shared;
    }

    private RealCluster(Path bin) {
        this.bin = bin;
        try {
            this.dir = Files.createTempDirectory("kube-agents-real-cluster");
            this.etcdPort = freePort();
            this.apiPort = freePort();
            certificates();
            startEtcd();
            this.adminConfig = new ConfigBuilder().withMasterUrl(url())
                    .withCaCertFile(file("ca.crt")).withClientCertFile(file("admin.crt")).withClientKeyFile(file("admin.key"))
                    .withRequestRetryBackoffLimit(0).build();
            this.admin = new KubernetesClientBuilder().withConfig(adminConfig).build();
            startApiServer();
            startControllerManager();
            LOGGER.info(() -> "real cluster: Kubernetes " + admin.getKubernetesVersion().getGitVersion() + " at " + url()
                    + ", files in " + dir);
        } catch (IOException e) {
            stop();
            throw new UncheckedIOException(e);
        } catch (RuntimeException | Error e) {
            stop();
            throw e;
        }
    }

    public String url() {
        return "https://127.0.0.1:" + apiPort;
    }

    /** The cluster administrator (group system:masters): for setting up and for reading back what reached the server. */
    public KubernetesClient admin() {
        return admin;
    }

    public Config adminConfig() {
        return new ConfigBuilder(adminConfig).build();
    }

    /** A client acting as a ServiceAccount, with a token from the TokenRequest API, as a pod's would be. */
    public Config serviceAccountConfig(String namespace, String serviceAccount) {
        String token = admin.serviceAccounts().inNamespace(namespace).withName(serviceAccount)
                .tokenRequest(new TokenRequestBuilder().withNewSpec().withExpirationSeconds(3600L).endSpec().build())
                .getStatus().getToken();
        return new ConfigBuilder().withMasterUrl(url()).withCaCertFile(file("ca.crt")).withOauthToken(token)
                .withNamespace(namespace).withRequestRetryBackoffLimit(0).build();
    }

    /**
     * Creates (or keeps) a namespace with these labels, and returns once its default ServiceAccount exists: until the
     * controller manager has made it, the ServiceAccount admission refuses every pod in the namespace.
     */
    public void namespace(String name, Map<String, String> labels) {
        admin.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(name).withLabels(labels).endMetadata()
                .build()).serverSideApply();
        await().atMost(START_LIMIT).until(() -> admin.serviceAccounts().inNamespace(name).withName("default").get() != null);
    }

    /** A binary of the control plane, e.g. kubectl. */
    public Path binary(String name) {
        return bin.resolve(name);
    }

    /** A kubeconfig of the administrator, for kubectl. */
    public Path adminKubeconfig() {
        return dir.resolve("admin.kubeconfig");
    }

    /** The API server's audit log: one JSON event a line, with the user, verb and resource of every request. */
    public Path auditLog() {
        return dir.resolve("audit.log");
    }

    /**
     * Compacts etcd to its current revision, so that every watch resuming from an older resourceVersion is told
     * 410 Gone: what happens when a watch was away longer than the API server keeps history.
     */
    public void compactEtcd() {
        String revision = etcd("/v3/kv/range", "{\"key\":\"AA==\"}").replaceAll("(?s).*\"revision\":\"?(\\d+)\"?.*", "$1");
        etcd("/v3/kv/compaction", "{\"revision\":\"" + revision + "\",\"physical\":true}");
    }

    private String etcd(String path, String json) {
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + etcdPort + path)).POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("etcd " + path + ": HTTP " + response.statusCode() + ": " + response.body());
            }
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    // ------------------------------------------------------------------ start-up

    /** The binaries' directory, built if missing; {@link Unavailable} when there is no Go to build them with. */
    private static Path binaries() {
        Path script = Path.of("test-cluster", "build.sh").toAbsolutePath();
        if (!goAvailable()) {
            throw new Unavailable("no Go toolchain on the PATH to build the control plane (" + script + ")");
        }
        LOGGER.info("real cluster: building or finding the control plane with " + script);
        Output built = run(List.of("bash", script.toString()), Duration.ofMinutes(80));
        if (built.code != 0) {
            throw new IllegalStateException("test-cluster/build.sh failed (exit " + built.code + "):\n" + built.text);
        }
        String[] lines = built.text.strip().split("\n");
        return Path.of(lines[lines.length - 1].strip());
    }

    private static boolean goAvailable() {
        try {
            return run(List.of("go", "version"), Duration.ofMinutes(1)).code == 0;
        } catch (UncheckedIOException e) {
            return false;
        }
    }

    private void certificates() {
        openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.crt", "-days", "2",
                "-subj", "/CN=kube-agents-test-ca");
        signed("apiserver", "/CN=kube-apiserver", "subjectAltName=IP:127.0.0.1,DNS:localhost");
        signed("admin", "/O=system:masters/CN=kube-agents-test-admin", null);
        openssl("genrsa", "-out", "sa.key", "2048");
        openssl("rsa", "-in", "sa.key", "-pubout", "-out", "sa.pub");
        write("audit-policy.yaml", "apiVersion: audit.k8s.io/v1\nkind: Policy\nomitStages: [RequestReceived]\n"
                + "rules:\n- level: Metadata\n");
    }

    private void signed(String name, String subject, String subjectAltName) {
        openssl("req", "-newkey", "rsa:2048", "-nodes", "-keyout", name + ".key", "-out", name + ".csr", "-subj", subject);
        List<String> sign = new ArrayList<>(List.of("x509", "-req", "-in", name + ".csr", "-CA", "ca.crt", "-CAkey", "ca.key",
                "-CAcreateserial", "-out", name + ".crt", "-days", "2"));
        if (subjectAltName != null) {
            write(name + ".ext", subjectAltName + "\n");
            sign.addAll(List.of("-extfile", name + ".ext"));
        }
        openssl(sign.toArray(String[]::new));
    }

    private void openssl(String... args) {
        List<String> command = new ArrayList<>(List.of("openssl"));
        command.addAll(List.of(args));
        Output out = run(command, dir, Duration.ofMinutes(1));
        if (out.code != 0) {
            throw new IllegalStateException("openssl " + args[0] + " failed: " + out.text);
        }
    }

    private void startEtcd() {
        start("etcd", "--name=test", "--data-dir=" + dir.resolve("etcd"), "--unsafe-no-fsync",
                "--listen-client-urls=http://127.0.0.1:" + etcdPort, "--advertise-client-urls=http://127.0.0.1:" + etcdPort,
                "--listen-peer-urls=http://127.0.0.1:" + freePort(), "--log-level=warn");
        awaitReady("etcd", () -> etcd("/v3/kv/range", "{\"key\":\"AA==\"}").contains("header"));
    }

    /**
     * Stops the API server and starts it again on the same port, as an upgrade does: every watch ends, and its
     * client resumes from the resourceVersion it last saw.
     */
    public synchronized void restartApiServer() {
        Process apiServer = processes.stream().filter(p -> p.info().command().orElse("").endsWith("kube-apiserver"))
                .findFirst().orElseThrow();
        apiServer.destroy();
        try {
            apiServer.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        processes.remove(apiServer);
        startApiServer();
    }

    private void startApiServer() {
        start("kube-apiserver", "--etcd-servers=http://127.0.0.1:" + etcdPort,
                "--bind-address=127.0.0.1", "--advertise-address=127.0.0.1", "--secure-port=" + apiPort,
                "--endpoint-reconciler-type=none", // it refuses a loopback address for the kubernetes Service
                "--cert-dir=" + dir.resolve("apiserver-certs"),
                "--tls-cert-file=" + file("apiserver.crt"), "--tls-private-key-file=" + file("apiserver.key"),
                "--client-ca-file=" + file("ca.crt"), "--authorization-mode=RBAC",
                "--service-account-issuer=https://kubernetes.default.svc.cluster.local",
                "--service-account-key-file=" + file("sa.pub"), "--service-account-signing-key-file=" + file("sa.key"),
                "--api-audiences=https://kubernetes.default.svc.cluster.local",
                "--service-cluster-ip-range=10.96.0.0/24", "--allow-privileged=true",
                "--audit-policy-file=" + file("audit-policy.yaml"), "--audit-log-path=" + auditLog(),
                "--audit-log-format=json", "--audit-log-mode=blocking",
                // watches go to etcd, so a watch resuming from before a compaction is answered 410 Gone
                "--watch-cache=false", "--v=1");
        awaitReady("kube-apiserver", () -> "ok".equals(admin.raw("/readyz")));
        write("admin.kubeconfig", """
                apiVersion: v1
                kind: Config
                clusters: [{name: test, cluster: {server: "%s", certificate-authority: "%s"}}]
                users: [{name: admin, user: {client-certificate: "%s", client-key: "%s"}}]
                contexts: [{name: test, context: {cluster: test, user: admin}}]
                current-context: test
                """.formatted(url(), file("ca.crt"), file("admin.crt"), file("admin.key")));
    }

    private void startControllerManager() {
        start("kube-controller-manager", "--kubeconfig=" + adminKubeconfig(), "--leader-elect=false",
                "--bind-address=127.0.0.1", "--secure-port=" + freePort(),
                "--controllers=garbage-collector-controller,namespace-controller,serviceaccount-controller,"
                        + "resourcequota-controller,clusterrole-aggregation-controller",
                "--use-service-account-credentials=false", "--root-ca-file=" + file("ca.crt"),
                "--concurrent-gc-syncs=5", "--v=1");
        awaitReady("kube-controller-manager (the default ServiceAccount of namespace default)",
                () -> admin.serviceAccounts().inNamespace("default").withName("default").get() != null);
    }

    private void start(String binary, String... args) {
        List<String> command = new ArrayList<>(List.of(bin.resolve(binary).toString()));
        command.addAll(List.of(args));
        Path log = dir.resolve(binary + ".log");
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            processes.add(process);
            LOGGER.info(() -> "real cluster: started " + binary + " (pid " + process.pid() + ", log " + log + ")");
        } catch (IOException e) {
            throw new IllegalStateException("could not start " + binary + " from " + bin + ": " + e.getMessage(), e);
        }
    }

    private void awaitReady(String what, java.util.concurrent.Callable<Boolean> ready) {
        try {
            await().atMost(START_LIMIT).pollInterval(Duration.ofMillis(200))
                    .ignoreExceptionsMatching(e -> !(e instanceof Exited)).until(() -> {
                        for (Process p : processes) {
                            if (!p.isAlive()) {
                                throw new Exited("exited with code " + p.exitValue());
                            }
                        }
                        return ready.call();
                    });
        } catch (RuntimeException e) {
            String binary = what.split(" ")[0];
            throw new IllegalStateException(what + " did not become ready within " + START_LIMIT + ". Last lines of "
                    + binary + ".log:\n" + tail(dir.resolve(binary + ".log")), e);
        }
    }

    private synchronized void stop() {
        for (int i = processes.size() - 1; i >= 0; i--) {
            Process p = processes.get(i);
            p.destroy();
            try {
                if (!p.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        processes.clear();
        if (admin != null) {
            admin.close();
        }
        if (dir != null && !Boolean.getBoolean("realCluster.keep")) {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            } catch (IOException e) {
                LOGGER.warning("could not delete " + dir + ": " + e);
            }
        }
        LOGGER.info("real cluster: stopped");
    }

    private String file(String name) {
        return dir.resolve(name).toString();
    }

    private void write(String name, String text) {
        try {
            Files.writeString(dir.resolve(name), text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private record Output(int code, String text) {}

    private static Output run(List<String> command, Duration limit) {
        return run(command, null, limit);
    }

    private static Output run(List<String> command, Path in, Duration limit) {
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            if (in != null) {
                builder.directory(in.toFile());
            }
            Process p = builder.start();
            StringBuilder text = new StringBuilder();
            Thread reader = new Thread(() -> {
                try {
                    text.append(new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
                } catch (IOException e) {
                    text.append(e);
                }
            });
            reader.start();
            if (!p.waitFor(limit.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException(command.get(0) + " did not finish within " + limit);
            }
            reader.join();
            return new Output(p.exitValue(), text.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A process of the control plane ended while the fixture waited for it. */
    private static final class Exited extends RuntimeException {
        Exited(String message) {
            super(message);
        }
    }

    /** The control plane cannot be had on this machine (as opposed to failing to start, which fails the test). */
    private static final class Unavailable extends RuntimeException {
        Unavailable(String message) {
            super(message);
        }
    }
}
