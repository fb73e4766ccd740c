package io.jenkins.plugins.kubeagents.bench;

import io.fabric8.kubernetes.api.model.Pod;
import io.jenkins.plugins.kubeagents.engine.config.TemplateFile;
import io.jenkins.plugins.kubeagents.engine.merge.TemplateInheritance;
import io.jenkins.plugins.kubeagents.engine.render.AgentIdentity;
import io.jenkins.plugins.kubeagents.engine.render.ConnectionSettings;
import io.jenkins.plugins.kubeagents.engine.render.PodRenderer;
import io.jenkins.plugins.kubeagents.engine.template.TemplateDefaults;
import io.jenkins.plugins.kubeagents.engine.template.TemplateSpec;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** Resolving a template with two parents and raw YAML, and rendering its pod: what one launch costs in CPU. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class RenderBenchmark {
    static final String TEMPLATES = """
            templates:
              - name: base
                nodeSelector: {kubernetes.io/os: linux}
                envVars: [{name: TZ, value: UTC}]
                yaml: |
                  apiVersion: v1
                  kind: Pod
                  spec:
                    priorityClassName: ci
                    containers:
                      - name: jnlp
                        resources: {limits: {memory: 1Gi}}
              - name: java
                inheritFrom: base
                containers:
                  - {name: jdk, image: eclipse-temurin:17, command: [sleep], args: [infinity]}
              - name: maven
                inheritFrom: java
                labels: maven
                yamlMergeStrategy: merge
                yaml: |
                  apiVersion: v1
                  kind: Pod
                  spec:
                    containers:
                      - name: maven
                        image: maven:3.9-eclipse-temurin-17
                        command: [sleep]
                        args: [infinity]
                        volumeMounts: [{name: m2, mountPath: /root/.m2}]
                    volumes:
                      - name: m2
                        emptyDir: {}
            """;

    private TemplateInheritance inheritance;
    private final PodRenderer renderer = new PodRenderer(TemplateDefaults.STANDARD);
    private final ConnectionSettings connection = ConnectionSettings.tcp("http://jenkins:8080/", "jenkins-agent:50000");
    private final AgentIdentity agent = new AgentIdentity("maven-abcd1234", "kube-ops", "kubernetes", "maven", "0123456789abcdef");

    @Setup
    public void parseTemplates() {
        Map<String, TemplateSpec> byName = new LinkedHashMap<>();
        TemplateFile.parse(TEMPLATES, "unused").forEach(t -> byName.put(t.name(), t));
        inheritance = new TemplateInheritance(byName);
    }

    @Benchmark
    public Pod resolveAndRender() {
        return renderer.render(inheritance.resolve("maven"), agent, connection);
    }
}
