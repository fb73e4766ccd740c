package io.jenkins.plugins.kubeagents.forms;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.stream.Stream;
import javax.xml.parsers.SAXParserFactory;
import org.apache.commons.jexl.ExpressionFactory;
import org.junit.Test;
import org.xml.sax.Attributes;
import org.xml.sax.Locator;
import org.xml.sax.SAXParseException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Reads every Jelly view the way Jenkins' Jelly will, without Jenkins, and fails on what made a real view answer
 * HTTP 500 or show garbled text:
 * <ul>
 * <li>the view is not well-formed XML;</li>
 * <li>a {@code ${…}} is not a JEXL expression (parsed with commons-jexl 1.1, which Jenkins' fork starts from);</li>
 * <li>a {@code ${%…}} message has parentheses: Stapler reads {@code %Text (a, b)} as the message {@code Text} with
 *     the JEXL arguments {@code a} and {@code b}, so the words in parentheses either break the view or vanish;</li>
 * <li>a {@code <pre>} holds tags: Jelly trims the text between tags, so the lines in it run together.</li>
 * </ul>
 */
public class JellyViewLintTest {
    private static final Path RESOURCES = Path.of("src/main/resources");

    @Test
    public void everyViewIsWellFormedAndEveryExpressionParses() throws IOException {
        List<String> problems = new ArrayList<>();
        List<Path> views = views();
        for (Path view : views) {
            problems.addAll(lint(view));
        }
        assertThat(problems).isEmpty();
        assertThat(views).as("views found").hasSizeGreaterThanOrEqualTo(8);
    }

    @Test
    public void findsEachKindOfProblem() throws IOException {
        Path view = Files.createTempFile("lint", ".jelly");
        try {
            Files.writeString(view, """
                    <?jelly escape-by-default='true'?>
                    <j:jelly xmlns:j="jelly:core" xmlns:f="/lib/form">
                      <f:checkbox title="${%Skip TLS verification (never in production)}"/>
                      <f:entry title="${%Connect timeout (seconds)}"/>
                      <p>${it.name +}</p>
                      <pre><j:forEach var="line" items="${it.lines}">${line}
                    </j:forEach></pre>
                      <p>${%Fine} ${it.fine} ${!empty(it.list) &amp;&amp; it.ok}</p>
                    </j:jelly>
                    """);
            assertThat(lint(view)).satisfiesExactly(
                    p -> assertThat(p).contains(":3:").contains("${%Skip TLS verification (never in production)}")
                            .contains("argument 'never in production' is not a JEXL expression"),
                    p -> assertThat(p).contains(":4:").contains("${%Connect timeout (seconds)}").contains("parentheses"),
                    p -> assertThat(p).contains(":5:").contains("${it.name +}").contains("not a JEXL expression"),
                    p -> assertThat(p).contains(":6:").contains("<pre>").contains("j:forEach"));

            Files.writeString(view, "<j:jelly xmlns:j=\"jelly:core\"><p>unclosed</j:jelly>");
            assertThat(lint(view)).singleElement().asString().contains("not well-formed");
        } finally {
            Files.delete(view);
        }
    }

    private static List<Path> views() throws IOException {
        try (Stream<Path> files = Files.walk(RESOURCES)) {
            return files.filter(p -> p.toString().endsWith(".jelly")).sorted().toList();
        }
    }

    private static List<String> lint(Path view) throws IOException {
        ViewReader reader = new ViewReader(view);
        try {
            SAXParserFactory factory = SAXParserFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.newSAXParser().parse(view.toFile(), reader);
        } catch (SAXParseException e) {
            return List.of(view + ":" + e.getLineNumber() + ": not well-formed XML: " + e.getMessage());
        } catch (Exception e) {
            return List.of(view + ": cannot be read: " + e);
        }
        return reader.problems;
    }

    /** Collects the problems of one view, each with its file and line. */
    private static final class ViewReader extends DefaultHandler {
        final List<String> problems = new ArrayList<>();
        private final Path view;
        private final Deque<String> open = new ArrayDeque<>();
        private Locator locator;
        private StringBuilder text = new StringBuilder();
        private int textLine;

        ViewReader(Path view) {
            this.view = view;
        }

        @Override
        public void setDocumentLocator(Locator locator) {
            this.locator = locator;
        }

        @Override
        public void startElement(String uri, String localName, String qName, Attributes attributes) {
            flushText();
            if (open.contains("pre")) {
                problem("<pre> holds <" + qName + ">: Jelly trims the text between tags, so its lines run together; "
                        + "give <pre> one expression whose value has the line breaks");
            }
            for (int i = 0; i < attributes.getLength(); i++) {
                expressions(attributes.getValue(i), locator.getLineNumber());
            }
            open.push(qName);
        }

        @Override
        public void endElement(String uri, String localName, String qName) {
            flushText();
            open.pop();
        }

        @Override
        public void characters(char[] ch, int start, int length) {
            if (text.isEmpty()) {
                textLine = locator.getLineNumber();
            }
            text.append(ch, start, length);
        }

        private void flushText() {
            expressions(text.toString(), textLine);
            text = new StringBuilder();
        }

        /** Finds each {@code ${…}} as Jelly does: up to the brace that closes it, skipping quoted strings. */
        private void expressions(String value, int line) {
            int from = value.indexOf("${");
            while (from >= 0) {
                int end = closingBrace(value, from + 2);
                if (end < 0) {
                    problem(line, value.substring(from) + ": no closing '}'");
                    return;
                }
                check(value.substring(from + 2, end), line);
                from = value.indexOf("${", end + 1);
            }
        }

        private static int closingBrace(String s, int from) {
            int depth = 0;
            for (int i = from; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c == '"' || c == '\'') {
                    i = s.indexOf(c, i + 1);
                    if (i < 0) {
                        return -1;
                    }
                } else if (c == '{') {
                    depth++;
                } else if (c == '}') {
                    if (depth == 0) {
                        return i;
                    }
                    depth--;
                }
            }
            return -1;
        }

        private void check(String expression, int line) {
            String shown = "${" + expression + "}";
            if (!expression.startsWith("%")) {
                parse(expression).ifPresent(error -> problem(line, shown + " is not a JEXL expression: " + error));
                return;
            }
            int paren = expression.indexOf('(');
            if (paren < 0) {
                return;
            }
            List<String> arguments = messageArguments(expression.substring(paren + 1));
            List<String> broken = new ArrayList<>();
            for (String argument : arguments) {
                parse(argument).ifPresent(error -> broken.add("argument '" + argument + "' is not a JEXL expression"));
            }
            problem(line, shown + ": parentheses make the words in them JEXL arguments of the message"
                    + (broken.isEmpty() ? ", so they vanish from the text" : " and " + String.join(", ", broken)
                            + ", so the view fails to open")
                    + "; write the text without parentheses");
        }

        /** Stapler's reading of {@code arg, arg)}: split on top-level commas up to the closing parenthesis. */
        private static List<String> messageArguments(String text) {
            List<String> arguments = new ArrayList<>();
            int depth = 0;
            int start = 0;
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if ((c == ',' || c == ')') && depth == 0) {
                    arguments.add(text.substring(start, i));
                    start = i + 1;
                    if (c == ')') {
                        break;
                    }
                } else if (c == '(' || c == '{' || c == '[') {
                    depth++;
                } else if (c == ')' || c == '}' || c == ']') {
                    depth--;
                }
            }
            return arguments;
        }

        private static java.util.Optional<String> parse(String expression) {
            try {
                ExpressionFactory.createExpression(expression);
                return java.util.Optional.empty();
            } catch (Exception | Error e) {
                String message = String.valueOf(e.getMessage()).lines().findFirst().orElse("");
                return java.util.Optional.of(e.getClass().getSimpleName() + ": " + message);
            }
        }

        private void problem(String message) {
            problem(locator.getLineNumber(), message);
        }

        private void problem(int line, String message) {
            problems.add(view + ":" + line + ": " + message);
        }
    }
}
