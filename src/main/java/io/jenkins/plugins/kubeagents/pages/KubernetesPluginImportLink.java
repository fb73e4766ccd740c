package io.jenkins.plugins.kubeagents.pages;

import hudson.Extension;
import hudson.model.ManagementLink;
import io.jenkins.plugins.kubeagents.engine.importer.KubernetesPluginImport;
import io.jenkins.plugins.kubeagents.engine.validation.InvalidTemplateException;
import io.jenkins.plugins.kubeagents.engine.validation.Problem;
import java.util.stream.Collectors;
import jenkins.model.Jenkins;
import org.kohsuke.stapler.ForwardToView;
import org.kohsuke.stapler.HttpResponse;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * Manage Jenkins → "Import from the Kubernetes plugin": the command-line importer inside Jenkins, for
 * administrators. It shows the configuration as code to apply and what became of each setting; it changes nothing.
 */
@Extension
public class KubernetesPluginImportLink extends ManagementLink {
    @Override
    public String getIconFileName() {
        return "symbol-cloud";
    }

    @Override
    public String getDisplayName() {
        return "Import from the Kubernetes plugin";
    }

    @Override
    public String getUrlName() {
        return "kube-agents-import";
    }

    @Override
    public String getDescription() {
        return "Turn the Kubernetes plugin's configuration as code into kube-agents' clouds and pod templates, "
                + "with what became of each setting.";
    }

    @Override
    public Category getCategory() {
        return Category.CONFIGURATION;
    }

    /** Converts the pasted configuration; the page shows the result under the form. */
    @POST
    public HttpResponse doConvert(@QueryParameter String yaml) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        return new ForwardToView(this, "index.jelly").with("result", ImportResult.of(yaml));
    }

    /** What the page shows: the configuration to apply, the report, and whether everything came across. */
    public static final class ImportResult {
        private final String yaml;
        private final String report;
        private final boolean complete;

        private ImportResult(String yaml, String report, boolean complete) {
            this.yaml = yaml;
            this.report = report;
            this.complete = complete;
        }

        static ImportResult of(String input) {
            try {
                KubernetesPluginImport.Result result = KubernetesPluginImport.convert(input == null ? "" : input);
                return new ImportResult(KubernetesPluginImport.yaml(result.casc()), result.report().format(),
                        result.report().complete());
            } catch (InvalidTemplateException e) {
                return new ImportResult("", e.problems().stream().map(Problem::toString).collect(Collectors.joining("\n")), false);
            }
        }

        /** kube-agents' configuration as code; empty when the input could not be read. */
        public String getYaml() {
            return yaml;
        }

        public String getReport() {
            return report;
        }

        public boolean isComplete() {
            return complete;
        }
    }
}
