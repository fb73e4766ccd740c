package io.jenkins.plugins.kubeagents.engine.importer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What became of each setting of an imported configuration: mapped to a kube-agents field of the same meaning,
 * carried into a template's raw YAML so the pod comes out the same, not needed (kube-agents behaves so without
 * it), or not carried over, with why and what to do instead.
 */
public final class ImportReport {
    public enum Outcome {
        MAPPED("mapped"), CARRIED("carried as YAML"), NOT_NEEDED("not needed"), NOT_CARRIED("not carried");

        private final String words;

        Outcome(String words) {
            this.words = words;
        }
    }

    /** @param path where the setting is in the input, e.g. {@code jenkins.clouds[0].kubernetes.templates[1].label} */
    public record Entry(String path, Outcome outcome, String detail) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%-15s %s: %s", outcome.words, path, detail);
        }
    }

    private final List<Entry> entries = new ArrayList<>();

    void add(String path, Outcome outcome, String detail) {
        entries.add(new Entry(path, outcome, detail));
    }

    public List<Entry> entries() {
        return List.copyOf(entries);
    }

    public long count(Outcome outcome) {
        return entries.stream().filter(e -> e.outcome() == outcome).count();
    }

    /** Whether every setting came across: nothing is left "not carried". */
    public boolean complete() {
        return count(Outcome.NOT_CARRIED) == 0;
    }

    /** One line a setting, then the counts. */
    public String format() {
        return entries.stream().map(Entry::toString).collect(Collectors.joining("\n")) + "\n"
                + Arrays.stream(Outcome.values()).map(o -> count(o) + " " + o.words).collect(Collectors.joining(", "));
    }
}
