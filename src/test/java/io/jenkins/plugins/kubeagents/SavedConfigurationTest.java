package io.jenkins.plugins.kubeagents;

import static org.assertj.core.api.Assertions.assertThat;

import com.thoughtworks.xstream.XStream;
import io.jenkins.plugins.kubeagents.engine.template.RetentionPolicy;
import org.junit.Test;

/**
 * What Jenkins saved before the engine moved under {@code ...kubeagents.engine} still loads: the cloud with its
 * templates in {@code config.xml} and an agent in {@code nodes/<name>/config.xml}, read as XStream reads them (no
 * constructor runs). The persisted classes stay where they were; the one engine type they hold, the retention
 * policy, is written as its value without a class name.
 */
public class SavedConfigurationTest {
    private final XStream xstream = new XStream();

    {
        xstream.allowTypesByWildcard(new String[] {"io.jenkins.plugins.kubeagents.**", "hudson.**"});
    }

    @Test
    public void anAgentSavedBeforeTheMoveLoadsWithItsRetention() {
        KubeAgentsAgent agent = (KubeAgentsAgent) xstream.fromXML("""
                <io.jenkins.plugins.kubeagents.KubeAgentsAgent>
                  <cloudName>kube</cloudName>
                  <templateName>maven</templateName>
                  <namespace>kube-ops</namespace>
                  <podRetention>ON_FAILURE</podRetention>
                  <buildStarted>true</buildStarted>
                </io.jenkins.plugins.kubeagents.KubeAgentsAgent>""");

        assertThat(agent.getPodRetention()).isEqualTo(RetentionPolicy.ON_FAILURE);
        assertThat(agent.getTemplateName()).isEqualTo("maven");
        assertThat(agent.hasStartedItsBuild()).isTrue();
    }

    @Test
    public void aTemplateSavedBeforeTheMoveLoadsWithItsContainersAndVolumes() {
        KubeAgentsTemplate template = (KubeAgentsTemplate) xstream.fromXML("""
                <io.jenkins.plugins.kubeagents.KubeAgentsTemplate>
                  <name>maven</name>
                  <labels>maven</labels>
                  <containers>
                    <io.jenkins.plugins.kubeagents.ContainerConfig>
                      <name>jnlp</name>
                      <image>kube-agents/agent:0.1.0</image>
                    </io.jenkins.plugins.kubeagents.ContainerConfig>
                  </containers>
                  <volumes/>
                  <podRetention>onFailure</podRetention>
                  <restrictedSecurity>false</restrictedSecurity>
                </io.jenkins.plugins.kubeagents.KubeAgentsTemplate>""");

        assertThat(template.getContainers()).singleElement().satisfies(c -> assertThat(c.getImage()).isEqualTo("kube-agents/agent:0.1.0"));
        assertThat(template.getRestrictedSecurity()).isEqualTo("false");
        assertThat(template.getPodRetention()).isEqualTo("onFailure");
    }
}
