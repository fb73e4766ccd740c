package io.jenkins.plugins.kubeagents.forms;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.kubeagents.cloud.KubeAgentsCloud;
import io.jenkins.plugins.kubeagents.testing.Bytecode;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.Test;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * What Jenkins binds by name, checked without Jenkins: every {@code field=} of a view has a getter, a data-bound
 * constructor parameter or setter, and a help file; every button's {@code with=} names parameters of its endpoint; every {@code doCheck} names a field;
 * every form endpoint answers POST only and checks a permission before anything else can happen.
 */
public class FormContractTest {
    private static final Path RESOURCES = Path.of("src/main/resources");
    private static final Path VIEWS = RESOURCES.resolve("io/jenkins/plugins/kubeagents");
    private static final Path CLASSES = Path.of("target/classes");
    private static final Pattern FIELD = Pattern.compile("field=\"([^\"]+)\"");
    private static final Pattern BUTTON = Pattern.compile("<f:validateButton[^>]*method=\"([^\"]+)\"[^>]*with=\"([^\"]+)\"");

    @Test
    public void everyFieldOfAFormBindsReadsBackAndHasAHelpFile() throws Exception {
        List<String> missing = new ArrayList<>();
        for (Path view : configViews()) {
            Class<?> owner = ownerOf(view);
            for (String field : matches(FIELD, Files.readString(view), 1)) {
                if (getter(owner, field) == null) {
                    missing.add(owner.getSimpleName() + "." + field + ": no getter");
                }
                if (!bindable(owner, field)) {
                    missing.add(owner.getSimpleName() + "." + field + ": neither a @DataBoundConstructor parameter nor a @DataBoundSetter");
                }
                if (!Files.exists(view.resolveSibling("help-" + field + ".html"))) {
                    missing.add(owner.getSimpleName() + "." + field + ": no help-" + field + ".html");
                }
            }
        }
        assertThat(missing).isEmpty();
        assertThat(configViews()).hasSize(6);
    }

    @Test
    public void everyHelpFileBelongsToAField() throws Exception {
        List<String> orphans = new ArrayList<>();
        for (Path view : configViews()) {
            Set<String> fields = new LinkedHashSet<>(matches(FIELD, Files.readString(view), 1));
            try (Stream<Path> files = Files.list(view.getParent())) {
                files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("help-"))
                        .map(n -> n.substring(5, n.length() - 5)).filter(f -> !fields.contains(f))
                        .forEach(f -> orphans.add(view.getParent().getFileName() + "/help-" + f + ".html"));
            }
        }
        assertThat(orphans).isEmpty();
    }

    @Test
    public void everyButtonSendsWhatItsEndpointReads() throws Exception {
        List<String> wrong = new ArrayList<>();
        for (Path view : configViews()) {
            Class<?> descriptor = descriptorOf(ownerOf(view));
            Matcher m = BUTTON.matcher(Files.readString(view));
            while (m.find()) {
                String method = "do" + Character.toUpperCase(m.group(1).charAt(0)) + m.group(1).substring(1);
                Method endpoint = Arrays.stream(descriptor.getMethods()).filter(x -> x.getName().equals(method)).findFirst().orElse(null);
                if (endpoint == null) {
                    wrong.add(view + ": no " + method);
                    continue;
                }
                Set<String> params = new LinkedHashSet<>();
                for (Parameter p : endpoint.getParameters()) {
                    if (p.isAnnotationPresent(QueryParameter.class)) {
                        params.add(p.getName());
                    }
                }
                assertThat(params).as(method + " parameters").containsExactlyInAnyOrder(m.group(2).split(","));
            }
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    public void everyCheckAndFillNamesAFieldOfItsDescribable() throws Exception {
        List<String> wrong = new ArrayList<>();
        for (Path view : configViews()) {
            Class<?> owner = ownerOf(view);
            for (Method m : descriptorOf(owner).getDeclaredMethods()) {
                String field = m.getName().startsWith("doCheck") ? m.getName().substring(7)
                        : m.getName().startsWith("doFill") && m.getName().endsWith("Items") ? m.getName().substring(6, m.getName().length() - 5) : null;
                if (field != null && getter(owner, Character.toLowerCase(field.charAt(0)) + field.substring(1)) == null) {
                    wrong.add(owner.getSimpleName() + "." + m.getName());
                }
            }
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    public void everyFormEndpointIsPostOnlyAndChecksPermissionFirst() throws Exception {
        List<String> wrong = new ArrayList<>();
        int endpoints = 0;
        for (Path view : configViews()) {
            Class<?> descriptor = descriptorOf(ownerOf(view));
            for (Method m : descriptor.getDeclaredMethods()) {
                if (!m.getName().startsWith("do") || !Modifier.isPublic(m.getModifiers())) {
                    continue;
                }
                endpoints++;
                if (!m.isAnnotationPresent(POST.class)) {
                    wrong.add(descriptor.getName() + "." + m.getName() + ": not @POST");
                }
                if (!checksPermission(descriptor, m.getName())) {
                    wrong.add(descriptor.getName() + "." + m.getName() + ": no checkPermission");
                }
            }
        }
        assertThat(wrong).isEmpty();
        assertThat(endpoints).isGreaterThan(30);
    }

    /**
     * Beyond the forms: every web method of every plugin class (a cloud's JSON, a page's data) checks a permission,
     * and so does the getter of the status page's figures.
     */
    @Test
    public void everyWebMethodOfThePluginChecksAPermission() throws Exception {
        List<String> unchecked = new ArrayList<>();
        int methods = 0;
        try (Stream<Path> files = Files.walk(CLASSES.resolve("io/jenkins/plugins/kubeagents"))) {
            for (Path file : files.filter(FormContractTest::isJenkinsLayerClass).toList()) {
                Class<?> type = Class.forName(className(CLASSES.relativize(file)), false,
                        FormContractTest.class.getClassLoader());
                for (Method m : type.getDeclaredMethods()) {
                    boolean web = m.getName().startsWith("do") && m.getName().length() > 2
                            && Character.isUpperCase(m.getName().charAt(2)) && Modifier.isPublic(m.getModifiers());
                    if (web || (type.getSimpleName().equals("KubeAgentsCloud") && m.getName().equals("getReport"))) {
                        methods++;
                        if (!checksPermission(type, m.getName())) {
                            unchecked.add(type.getName() + "." + m.getName() + ": no checkPermission");
                        }
                    }
                }
            }
        }
        assertThat(unchecked).isEmpty();
        assertThat(methods).isGreaterThan(40);
    }

    /** The endpoint, or a private helper it calls first in its class, calls checkPermission. */
    private static boolean checksPermission(Class<?> type, String method) throws IOException {
        Set<String> calling = new LinkedHashSet<>();
        Set<String> helpersThatCheck = new LinkedHashSet<>();
        Set<String> calledHelpers = new LinkedHashSet<>();
        String self = type.getName().replace('.', '/');
        try (InputStream in = type.getResourceAsStream("/" + self + ".class")) {
            Bytecode.calls(in, (name, owner, called, descriptor) -> {
                if (called.equals("checkPermission")) {
                    (name.equals(method) ? calling : helpersThatCheck).add(name);
                } else if (name.equals(method) && owner.equals(self)) {
                    calledHelpers.add(called);
                }
            });
        }
        return !calling.isEmpty() || calledHelpers.stream().anyMatch(helpersThatCheck::contains);
    }

    private static List<Path> configViews() throws IOException {
        try (Stream<Path> files = Files.walk(VIEWS)) {
            return files.filter(p -> p.getFileName().toString().equals("config.jelly")).sorted().toList();
        }
    }

    /** A view's folder, relative to the resources, names its class. */
    private static Class<?> ownerOf(Path view) throws ClassNotFoundException {
        return Class.forName(className(RESOURCES.relativize(view.getParent())));
    }

    private static String className(Path relative) {
        return relative.toString().replace(".class", "").replace('/', '.');
    }

    private static boolean isJenkinsLayerClass(Path file) {
        String path = file.toString();
        return path.endsWith(".class") && !path.contains("/kubeagents/engine/") && !path.contains("/kubeagents/cli/");
    }

    private static Class<?> descriptorOf(Class<?> owner) throws ClassNotFoundException {
        return Class.forName(owner.getName() + "$DescriptorImpl");
    }

    /** Stapler and JCasC set a field through the data-bound constructor's parameter of its name, or its setter. */
    private static boolean bindable(Class<?> type, String field) {
        boolean parameter = Arrays.stream(type.getConstructors()).filter(c -> c.isAnnotationPresent(DataBoundConstructor.class))
                .flatMap(c -> Arrays.stream(c.getParameters())).anyMatch(p -> p.getName().equals(field));
        String setter = "set" + Character.toUpperCase(field.charAt(0)) + field.substring(1);
        return parameter || Arrays.stream(type.getMethods())
                .anyMatch(m -> m.getName().equals(setter) && m.isAnnotationPresent(DataBoundSetter.class));
    }

    private static Method getter(Class<?> type, String field) {
        String suffix = Character.toUpperCase(field.charAt(0)) + field.substring(1);
        for (String name : List.of("get" + suffix, "is" + suffix)) {
            try {
                return type.getMethod(name);
            } catch (NoSuchMethodException e) {
                // try the next form
            }
        }
        return null;
    }

    private static List<String> matches(Pattern p, String text, int group) {
        List<String> out = new ArrayList<>();
        Matcher m = p.matcher(text);
        while (m.find()) {
            out.add(m.group(group));
        }
        return out;
    }
}
