package io.jenkins.plugins.kubeagents.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Test inputs and expected outputs under {@code src/test/resources/<package>/<TestClass>/}. Run with
 * {@code -Dgolden.update=true} to rewrite the expected files from the actual output, then review the diff.
 */
public final class GoldenFiles {
    private final Path dir;

    public GoldenFiles(Class<?> testClass) {
        this.dir = Path.of("src", "test", "resources").resolve(testClass.getName().replace('.', '/'));
    }

    public String read(String name) {
        Path file = dir.resolve(name);
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("missing test file " + file, e);
        }
    }

    public void assertMatches(String name, String actual) {
        Path file = dir.resolve(name);
        if (Boolean.getBoolean("golden.update")) {
            try {
                Files.writeString(file, actual, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return;
        }
        assertThat(actual).as("rendered output vs %s (rewrite with -Dgolden.update=true)", file).isEqualTo(read(name));
    }
}
