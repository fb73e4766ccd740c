package io.jenkins.plugins.kubeagents;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.kubeagents.agents.KubeAgentsComputer;
import io.jenkins.plugins.kubeagents.cloud.KubeAgentsCloud;
import io.jenkins.plugins.kubeagents.pages.CloudReportTest;
import io.jenkins.plugins.kubeagents.pages.KubernetesPluginImportLink;
import io.jenkins.plugins.kubeagents.pages.PausedTemplate;
import io.jenkins.plugins.kubeagents.pages.PausedTemplatesMonitor;
import io.jenkins.plugins.kubeagents.testing.MockCluster;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.SAXParserFactory;
import org.junit.Rule;
import org.junit.Test;
import org.xml.sax.Attributes;
import org.xml.sax.Locator;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Every property a page reads exists, as Jelly would look it up: a getter of the page's object ({@code it}), a
 * getter of a loop variable's type, or a key of the status report's maps (read from a real report). A misspelt
 * name would otherwise show an empty cell, with nothing in any log.
 */
public class ViewBindingTest {
    private static final Path RESOURCES = Path.of("src/main/resources");
    private static final Pattern CHAIN = Pattern.compile("(?<![.\\w])([a-zA-Z_]\\w*)((?:\\.[a-zA-Z_]\\w*)+)");

    @Rule
    public final MockCluster cluster = new MockCluster();

    @Test
    public void theCloudsStatusPageReadsOnlyFiguresTheReportHas() throws Exception {
        Map<String, Object> report = CloudReportTest.sample(cluster);
        assertThat(unbound("KubeAgentsCloud/main.jelly", KubeAgentsCloud.class,
                Map.of("it.report", report))).isEmpty();
    }

    @Test
    public void theAgentPageReadsGettersThatExist() throws Exception {
        assertThat(unbound("KubeAgentsComputer/main.jelly", KubeAgentsComputer.class, Map.of()))
                .isEmpty();
    }

    @Test
    public void theAdministratorsNoticeReadsGettersThatExist() throws Exception {
        assertThat(unbound("PausedTemplatesMonitor/message.jelly", PausedTemplatesMonitor.class,
                Map.of())).isEmpty();
    }

    @Test
    public void theImportPageReadsGettersThatExist() throws Exception {
        assertThat(unbound("KubernetesPluginImportLink/index.jelly", KubernetesPluginImportLink.class,
                Map.of("result", KubernetesPluginImportLink.ImportResult.class))).isEmpty();
    }

    @Test
    public void aMisspeltPropertyIsFound() throws Exception {
        Path view = java.nio.file.Files.createTempFile("view", ".jelly");
        try {
            java.nio.file.Files.writeString(view, """
                    <j:jelly xmlns:j="jelly:core">
                      <j:forEach var="paused" items="${it.pausedTemplates}">${paused.clowd} ${paused.cloud}</j:forEach>
                      ${it.pausedTemplate}
                    </j:jelly>
                    """);
            assertThat(unbound(view, PausedTemplatesMonitor.class, Map.of())).containsExactly(
                    view + ":2: paused.clowd: PausedTemplate has no getClowd()/isClowd()",
                    view + ":4: it.pausedTemplate: PausedTemplatesMonitor has no getPausedTemplate()/isPausedTemplate()");
        } finally {
            java.nio.file.Files.delete(view);
        }
    }

    private static List<String> unbound(String view, Class<?> it, Map<String, Object> known) throws Exception {
        return unbound(viewOf(it, view), it, known);
    }

    /** A class's views are in the folder of its name, in its package's resources. */
    private static Path viewOf(Class<?> it, String view) {
        return RESOURCES.resolve(it.getPackageName().replace('.', '/')).resolve(view);
    }

    /**
     * @param known values of chains the types cannot tell, e.g. {@code it.report} (a map) as a real report, and
     *     variables the page is given, e.g. {@code result}
     */
    private static List<String> unbound(Path view, Class<?> it, Map<String, Object> known) throws Exception {
        Checker checker = new Checker(view, it, known);
        SAXParserFactory factory = SAXParserFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.newSAXParser().parse(view.toFile(), checker);
        return checker.problems;
    }

    /** Walks the view: each loop variable gets the element of what it loops over, each chain is resolved. */
    private static final class Checker extends DefaultHandler {
        final List<String> problems = new ArrayList<>();
        private final Path view;
        private final Map<String, Object> known;
        private final Map<String, Object> scope = new HashMap<>();
        private final Deque<String> loops = new ArrayDeque<>();
        private Locator locator;

        Checker(Path view, Class<?> it, Map<String, Object> known) {
            this.view = view;
            this.known = known;
            scope.put("it", it);
        }

        @Override
        public void setDocumentLocator(Locator locator) {
            this.locator = locator;
        }

        @Override
        public void startElement(String uri, String localName, String qName, Attributes attributes) {
            for (int i = 0; i < attributes.getLength(); i++) {
                check(attributes.getValue(i));
            }
            String var = attributes.getValue("var");
            if (qName.equals("j:set") && var != null) {
                scope.put(var, resolve(expression(attributes.getValue("value"))));
                loops.push(""); // a page-wide variable: it stays when the element ends
            } else if (qName.equals("j:forEach") && var != null) {
                Object items = resolve(expression(attributes.getValue("items")));
                scope.put(var, element(items));
                loops.push(var);
            } else {
                loops.push("");
            }
        }

        @Override
        public void endElement(String uri, String localName, String qName) {
            String var = loops.pop();
            if (!var.isEmpty()) {
                scope.remove(var);
            }
        }

        @Override
        public void characters(char[] ch, int start, int length) {
            check(new String(ch, start, length));
        }

        private void check(String text) {
            Matcher expressions = Pattern.compile("\\$\\{([^%][^}]*)}").matcher(text);
            while (expressions.find()) {
                Matcher chains = CHAIN.matcher(expressions.group(1).replaceAll("'[^']*'|\"[^\"]*\"", ""));
                while (chains.find()) {
                    if (scope.containsKey(chains.group(1)) || known.containsKey(chains.group(1))) {
                        resolve(chains.group());
                    }
                }
            }
        }

        private static String expression(String value) {
            return value.substring(2, value.length() - 1);
        }

        /** The value (a report's map or list) or the type a chain like {@code pod.name} stands for; null if unknown. */
        private Object resolve(String chain) {
            if (known.containsKey(chain)) {
                return known.get(chain);
            }
            String[] parts = chain.split("\\.");
            Object at = scope.containsKey(parts[0]) ? scope.get(parts[0]) : known.get(parts[0]);
            for (int i = 1; i < parts.length && at != null; i++) {
                at = property(at, parts[i], String.join(".", java.util.Arrays.copyOf(parts, i + 1)));
            }
            return at;
        }

        private Object property(Object at, String name, String chain) {
            if (at instanceof Map<?, ?> map) {
                if (!map.containsKey(name)) {
                    problems.add(view + ":" + locator.getLineNumber() + ": " + chain + ": the report has no '" + name + "' here");
                }
                return map.get(name);
            }
            Class<?> type = raw((Type) at);
            String suffix = Character.toUpperCase(name.charAt(0)) + name.substring(1);
            for (String getter : List.of("get" + suffix, "is" + suffix)) {
                try {
                    Method m = type.getMethod(getter);
                    return m.getGenericReturnType();
                } catch (NoSuchMethodException e) {
                    // try the next form
                }
            }
            problems.add(view + ":" + locator.getLineNumber() + ": " + chain + ": " + type.getSimpleName() + " has no get"
                    + suffix + "()/is" + suffix + "()");
            return null;
        }

        private Object element(Object items) {
            if (items instanceof List<?> list) {
                if (list.isEmpty()) {
                    problems.add(view + ":" + locator.getLineNumber() + ": the sample report has nothing to loop over here");
                    return null;
                }
                return list.get(0);
            }
            if (items instanceof ParameterizedType p) {
                return p.getActualTypeArguments()[0];
            }
            return null;
        }

        private static Class<?> raw(Type type) {
            return type instanceof ParameterizedType p ? (Class<?>) p.getRawType() : (Class<?>) type;
        }
    }
}
