package io.jenkins.plugins.kubeagents.engine.template;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BinaryOperator;
import java.util.function.Function;

/** Small helpers for the "set here, else inherited" rule that template inheritance follows. */
final class Specs {
    private Specs() {}

    static <T> T firstSet(T own, T inherited) {
        return own != null ? own : inherited;
    }

    static <T> List<T> firstNonEmpty(List<T> own, List<T> inherited) {
        return own.isEmpty() ? inherited : own;
    }

    /** Inherited entries in their order, an own entry replacing (through {@code merge}) the inherited one with its key. */
    static <T, K> List<T> mergeByKey(List<T> inherited, List<T> own, Function<T, K> key, BinaryOperator<T> merge) {
        Map<K, T> byKey = new LinkedHashMap<>();
        for (T t : inherited) {
            byKey.put(key.apply(t), t);
        }
        for (T t : own) {
            byKey.merge(key.apply(t), t, (old, mine) -> merge.apply(mine, old));
        }
        return new ArrayList<>(byKey.values());
    }

    static <K, V> Map<K, V> mergeMaps(Map<K, V> inherited, Map<K, V> own) {
        Map<K, V> merged = new LinkedHashMap<>(inherited);
        merged.putAll(own);
        return merged;
    }

    static <T> List<T> copy(List<T> list) {
        return list == null ? List.of() : List.copyOf(list);
    }

    /** An unmodifiable copy that keeps the given order (Map.copyOf would not). */
    static <K, V> Map<K, V> copy(Map<K, V> map) {
        return map == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }
}
