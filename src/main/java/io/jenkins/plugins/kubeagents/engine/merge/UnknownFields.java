package io.jenkins.plugins.kubeagents.engine.merge;

import io.fabric8.kubernetes.api.model.KubernetesResource;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Finds the fields Jackson could not place in a parsed fabric8 model: every model class keeps them in
 * {@code additionalProperties} instead of failing, which would let a typo disable part of a template silently.
 */
public final class UnknownFields {
    private UnknownFields() {}

    public static List<String> find(Object model, String path) {
        List<String> found = new ArrayList<>();
        walk(model, path, found);
        return found;
    }

    private static void walk(Object node, String path, List<String> found) {
        if (node instanceof Collection<?> list) {
            int i = 0;
            for (Object item : list) {
                walk(item, path + "[" + elementKey(item, i++) + "]", found);
            }
            return;
        }
        if (node instanceof Map<?, ?> map) {
            map.forEach((k, v) -> walk(v, path + "." + k, found));
            return;
        }
        if (!(node instanceof KubernetesResource)) {
            return;
        }
        for (Method getter : node.getClass().getMethods()) {
            if (!isPropertyGetter(getter)) {
                continue;
            }
            Object value = invoke(getter, node);
            if (getter.getName().equals("getAdditionalProperties")) {
                ((Map<?, ?>) value).keySet().forEach(k -> found.add(path + "." + k));
            } else {
                walk(value, path + "." + propertyName(getter), found);
            }
        }
    }

    private static boolean isPropertyGetter(Method m) {
        return m.getName().startsWith("get") && m.getParameterCount() == 0 && !Modifier.isStatic(m.getModifiers())
                && m.getDeclaringClass() != Object.class
                && (m.getName().equals("getAdditionalProperties") || KubernetesResource.class.isAssignableFrom(m.getReturnType())
                        || Collection.class.isAssignableFrom(m.getReturnType()) || Map.class.isAssignableFrom(m.getReturnType()));
    }

    private static String propertyName(Method getter) {
        String n = getter.getName().substring(3);
        return Character.toLowerCase(n.charAt(0)) + n.substring(1);
    }

    /** A list element is named by its {@code name} when it has one ({@code containers[maven]}), else by position. */
    private static String elementKey(Object item, int index) {
        try {
            Object name = item.getClass().getMethod("getName").invoke(item);
            return name instanceof String s && !s.isEmpty() ? s : String.valueOf(index);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return String.valueOf(index);
        }
    }

    private static Object invoke(Method getter, Object target) {
        try {
            return getter.invoke(target);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read " + getter, e);
        }
    }
}
