package io.jenkins.plugins.kubeagents.testing;

import io.jenkins.plugins.kubeagents.cli.SimulatedKubelet;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.rules.TestRule;
import org.junit.runner.Description;
import org.junit.runners.model.Statement;

/**
 * A lifecycle engine and a simulated kubelet on a fresh mock cluster, for one test. After a passing test it also
 * checks the kubelet itself hit no error, so a harness failure never passes for engine behaviour.
 */
public final class EngineOnMockCluster implements TestRule {
    public final MockCluster cluster = new MockCluster();
    public Engine engine;
    public SimulatedKubelet kubelet;

    @Override
    public Statement apply(Statement test, Description description) {
        Statement withEngine = new Statement() {
            @Override
            public void evaluate() throws Throwable {
                engine = new Engine(cluster);
                kubelet = new SimulatedKubelet(cluster.kubeletClient(), Agents.NAMESPACE, engine.controller::connect);
                try {
                    test.evaluate();
                    assertThat(kubelet.errors()).as("errors in the simulated kubelet").isEmpty();
                } finally {
                    kubelet.close();
                    engine.close();
                }
            }
        };
        return cluster.apply(withEngine, description);
    }
}
