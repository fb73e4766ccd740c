package io.jenkins.plugins.kubeagents.engine.config;

import io.jenkins.plugins.kubeagents.engine.validation.Problem;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads one YAML mapping of a configuration file field by field, collecting a problem for every value of the
 * wrong type and, at the end, for every key nobody asked for (a typo would otherwise be ignored silently).
 */
final class Fields {
    private final Map<?, ?> map;
    private final String path;
    private final List<Problem> problems;
    private final Set<String> read = new LinkedHashSet<>();

    Fields(Map<?, ?> map, String path, List<Problem> problems) {
        this.map = map;
        this.path = path;
        this.problems = problems;
    }

    String path() {
        return path;
    }

    String path(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    boolean has(String key) {
        return map.containsKey(key);
    }

    String string(String key) {
        Object v = get(key);
        if (v == null || v instanceof Map || v instanceof List) {
            return v == null ? null : wrongType(key, v, "a string");
        }
        return String.valueOf(v);
    }

    Integer integer(String key) {
        Long v = number(key);
        if (v != null && (v > Integer.MAX_VALUE || v < Integer.MIN_VALUE)) {
            return wrongType(key, v, "a whole number below 2147483648");
        }
        return v == null ? null : v.intValue();
    }

    Long number(String key) {
        Object v = get(key);
        if (v == null) {
            return null;
        }
        if (v instanceof Integer || v instanceof Long || v instanceof Short) {
            return ((Number) v).longValue();
        }
        if (v instanceof String s && s.matches("-?\\d{1,18}")) {
            return Long.parseLong(s);
        }
        return wrongType(key, v, "a whole number");
    }

    Boolean bool(String key) {
        Object v = get(key);
        if (v == null || v instanceof Boolean) {
            return (Boolean) v;
        }
        if ("true".equals(v) || "false".equals(v)) {
            return Boolean.valueOf((String) v);
        }
        return wrongType(key, v, "true or false");
    }

    /** A list of strings, also written as one string of space-separated words ("a b c"). */
    List<String> words(String key) {
        Object v = get(key);
        if (v == null) {
            return List.of();
        }
        if (v instanceof String s) {
            return s.isBlank() ? List.of() : Arrays.asList(s.trim().split("\\s+"));
        }
        if (v instanceof List<?> list && list.stream().noneMatch(e -> e instanceof Map || e instanceof List)) {
            return list.stream().map(String::valueOf).toList();
        }
        return wrongType(key, v, "a list of strings or one space-separated string");
    }

    /** A mapping of label keys to label values, also written as text: one {@code key=value} a line or between commas. */
    Map<String, String> labelMap(String key) {
        return stringMap(key, "[,\\n]", "one a line, or separated by commas");
    }

    /**
     * A mapping of names to any strings (annotations), also written as text: one {@code name=value} a line. Not
     * between commas: an annotation's value may hold commas, a label's cannot.
     */
    Map<String, String> stringMap(String key) {
        return stringMap(key, "\\n", "one a line");
    }

    private Map<String, String> stringMap(String key, String separators, String layout) {
        Object v = get(key);
        if (v == null) {
            return Map.of();
        }
        if (v instanceof String text) {
            Map<String, String> out = new LinkedHashMap<>();
            for (String entry : text.split(separators)) {
                if (entry.isBlank()) {
                    continue;
                }
                int eq = entry.indexOf('=');
                if (eq <= 0) {
                    problem(key, entry.trim(), "must be written name=value (" + layout + ")");
                } else {
                    out.put(entry.substring(0, eq).trim(), entry.substring(eq + 1).trim());
                }
            }
            return out;
        }
        if (v instanceof Map<?, ?> m && m.values().stream().noneMatch(e -> e instanceof Map || e instanceof List)) {
            Map<String, String> out = new LinkedHashMap<>();
            m.forEach((k, val) -> out.put(String.valueOf(k), val == null ? "" : String.valueOf(val)));
            return out;
        }
        return wrongType(key, v, "a mapping of names to strings");
    }

    /**
     * Like {@link #objects(String, Function)}, but also accepts text, one element a line, each turned into its
     * mapping by {@code line} (null when the line cannot be read; {@code line} names the expected form).
     */
    <T> List<T> objectsOrLines(String key, Function<String, Map<String, Object>> line, String lineForm,
            Function<Fields, T> reader) {
        if (!(map.get(key) instanceof String text)) {
            return objects(key, reader);
        }
        read.add(key);
        List<Object> elements = new ArrayList<>();
        for (String l : text.split("\\n")) {
            if (l.isBlank()) {
                continue;
            }
            Map<String, Object> element = line.apply(l.trim());
            if (element == null) {
                problem(key, l.trim(), "must be written " + lineForm + ", one a line");
            } else {
                elements.add(element);
            }
        }
        return objects(key, elements, reader);
    }

    /** Each element of a list of mappings, read by {@code reader}; elements are named by their "name" if any. */
    <T> List<T> objects(String key, Function<Fields, T> reader) {
        Object v = get(key);
        if (v == null) {
            return List.of();
        }
        return objects(key, v, reader);
    }

    private <T> List<T> objects(String key, Object v, Function<Fields, T> reader) {
        if (!(v instanceof List<?> list)) {
            return wrongType(key, v, "a list");
        }
        List<T> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            Object item = list.get(i);
            String at = path(key) + "[" + (item instanceof Map<?, ?> m && m.get("name") != null ? m.get("name") : i) + "]";
            if (!(item instanceof Map<?, ?> m)) {
                problems.add(new Problem(at, String.valueOf(item), "must be a mapping of fields"));
                continue;
            }
            Fields element = new Fields(m, at, problems);
            T t = reader.apply(element);
            element.rejectUnknown();
            if (t != null) {
                out.add(t);
            }
        }
        return out;
    }

    /** A nested mapping read by {@code reader}, or null when absent. */
    <T> T object(String key, Function<Fields, T> reader) {
        Object v = get(key);
        if (v == null) {
            return null;
        }
        if (!(v instanceof Map<?, ?> m)) {
            return wrongType(key, v, "a mapping of fields");
        }
        Fields nested = new Fields(m, path(key), problems);
        T t = reader.apply(nested);
        nested.rejectUnknown();
        return t;
    }

    /** An enum constant, written in camelCase ({@code onFailure}) or as the constant ({@code ON_FAILURE}). */
    <E extends Enum<E>> E choice(String key, Class<E> type) {
        String v = string(key);
        if (v == null) {
            return null;
        }
        String wanted = normalise(v);
        for (E e : type.getEnumConstants()) {
            if (normalise(e.name()).equals(wanted)) {
                return e;
            }
        }
        problems.add(new Problem(path(key), v, "must be one of " + Arrays.stream(type.getEnumConstants())
                .map(e -> camelCase(e.name())).toList()));
        return null;
    }

    void problem(String key, Object value, String message) {
        problems.add(new Problem(path(key), value == null ? null : String.valueOf(value), message));
    }

    void rejectUnknown() {
        for (Object key : map.keySet()) {
            if (!read.contains(String.valueOf(key))) {
                problems.add(new Problem(path(String.valueOf(key)), null, "is not a known field here; known: " + read));
            }
        }
    }

    static String camelCase(String constant) {
        String[] parts = constant.toLowerCase(Locale.ROOT).split("_");
        StringBuilder b = new StringBuilder(parts[0]);
        for (int i = 1; i < parts.length; i++) {
            b.append(Character.toUpperCase(parts[i].charAt(0))).append(parts[i].substring(1));
        }
        return b.toString();
    }

    private Object get(String key) {
        read.add(key);
        return map.get(key);
    }

    private <T> T wrongType(String key, Object v, String expected) {
        problems.add(new Problem(path(key), String.valueOf(v), "must be " + expected));
        return null;
    }

    private static String normalise(String s) {
        return s.replace("_", "").replace("-", "").toLowerCase(Locale.ROOT);
    }
}
