package io.jenkins.plugins.kubeagents.engine.merge;

import io.jenkins.plugins.kubeagents.engine.template.TemplateSpec;
import io.jenkins.plugins.kubeagents.engine.template.YamlMergeStrategy;
import io.jenkins.plugins.kubeagents.engine.validation.InvalidTemplateException;
import io.jenkins.plugins.kubeagents.engine.validation.Problem;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Applies {@code inheritFrom}: parents in the order listed (a later parent wins over an earlier one), the
 * template over them all. Each parent is resolved the same way first, so inheritance nests to any depth.
 */
public final class TemplateInheritance {
    private final Map<String, TemplateSpec> templatesByName;

    public TemplateInheritance(Map<String, TemplateSpec> templatesByName) {
        this.templatesByName = Map.copyOf(templatesByName);
    }

    /** The templates of one cloud or one template file, by name; names are unique (the validator says so). */
    public static TemplateInheritance of(List<TemplateSpec> templates) {
        Map<String, TemplateSpec> byName = new java.util.LinkedHashMap<>();
        templates.forEach(t -> byName.put(t.name(), t));
        return new TemplateInheritance(byName);
    }

    /** @throws InvalidTemplateException for an unknown template or parent, or an inheritance cycle */
    public ResolvedTemplate resolve(String name) {
        TemplateSpec template = templatesByName.get(name);
        if (template == null) {
            throw new InvalidTemplateException(List.of(new Problem("templates", name,
                    "has no template of this name; known: " + templatesByName.keySet())));
        }
        return resolve(template, new ArrayDeque<>());
    }

    private ResolvedTemplate resolve(TemplateSpec template, Deque<String> descendants) {
        descendants.push(template.name());
        TemplateSpec inherited = null;
        List<YamlDocument> inheritedYamls = new ArrayList<>();
        Set<TemplateSpec> chain = new LinkedHashSet<>();
        for (String parentName : template.inheritFrom()) {
            TemplateSpec parent = parent(template, parentName, descendants);
            ResolvedTemplate resolved = resolve(parent, descendants);
            inherited = inherited == null ? resolved.spec() : resolved.spec().over(inherited);
            inheritedYamls.addAll(resolved.yamls());
            chain.addAll(resolved.chain());
        }
        descendants.pop();
        chain.add(template);
        TemplateSpec effective = inherited == null ? template : template.over(inherited);
        return new ResolvedTemplate(effective, yamls(template, inheritedYamls), new ArrayList<>(chain));
    }

    private TemplateSpec parent(TemplateSpec child, String parentName, Deque<String> descendants) {
        String path = "templates[" + child.name() + "].inheritFrom";
        if (descendants.contains(parentName)) {
            List<String> cycle = new ArrayList<>(descendants);
            java.util.Collections.reverse(cycle);
            cycle.add(parentName);
            throw new InvalidTemplateException(List.of(new Problem(path, parentName,
                    "makes an inheritance cycle: " + String.join(" -> ", cycle))));
        }
        TemplateSpec parent = templatesByName.get(parentName);
        if (parent == null) {
            throw new InvalidTemplateException(List.of(new Problem(path, parentName,
                    "names no template of this cloud; known: " + templatesByName.keySet())));
        }
        return parent;
    }

    private static List<YamlDocument> yamls(TemplateSpec template, List<YamlDocument> inherited) {
        if (template.yaml() == null || template.yaml().isBlank()) {
            return inherited;
        }
        YamlDocument own = new YamlDocument("templates[" + template.name() + "].yaml", template.yaml());
        if (template.yamlMergeStrategy() == YamlMergeStrategy.MERGE) {
            List<YamlDocument> all = new ArrayList<>(inherited);
            all.add(own);
            return all;
        }
        return List.of(own);
    }
}
