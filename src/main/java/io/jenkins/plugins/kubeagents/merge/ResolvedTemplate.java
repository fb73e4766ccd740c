package io.jenkins.plugins.kubeagents.merge;

import io.jenkins.plugins.kubeagents.template.TemplateSpec;
import java.util.List;

/**
 * A template with its parents applied: the effective fields, and the raw YAML documents that apply,
 * lowest precedence first (per each template's {@link io.jenkins.plugins.kubeagents.template.YamlMergeStrategy}).
 *
 * @param chain every template that contributed, the template itself last
 */
public record ResolvedTemplate(TemplateSpec spec, List<YamlDocument> yamls, List<TemplateSpec> chain) {
    public ResolvedTemplate {
        yamls = List.copyOf(yamls);
        chain = List.copyOf(chain);
    }
}
