package io.jenkins.plugins.kubeagents.engine.merge;

import io.jenkins.plugins.kubeagents.engine.template.RetentionPolicy;
import io.jenkins.plugins.kubeagents.engine.template.TemplateSpec;
import java.util.List;

/**
 * A template with its parents applied: the effective fields, and the raw YAML documents that apply,
 * lowest precedence first (per each template's {@link io.jenkins.plugins.kubeagents.engine.template.YamlMergeStrategy}).
 *
 * @param chain every template that contributed, the template itself last
 */
public record ResolvedTemplate(TemplateSpec spec, List<YamlDocument> yamls, List<TemplateSpec> chain) {
    public ResolvedTemplate {
        yamls = List.copyOf(yamls);
        chain = List.copyOf(chain);
    }

    /**
     * The cloud's pod retention where no template of the chain sets one: applied after inheritance, so a child
     * still inherits its parent's retention.
     */
    public ResolvedTemplate withDefaultRetention(RetentionPolicy retention) {
        return spec.podRetention() != null ? this
                : new ResolvedTemplate(spec.toBuilder().podRetention(retention).build(), yamls, chain);
    }
}
