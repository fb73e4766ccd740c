package io.jenkins.plugins.kubeagents.packaging;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarInputStream;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;

/** A jar read whole into memory: the .hpi, or a jar inside it. */
final class PluginFile {
    private final Manifest manifest;
    private final Map<String, byte[]> entries;

    private PluginFile(Manifest manifest, Map<String, byte[]> entries) {
        this.manifest = manifest;
        this.entries = entries;
    }

    static PluginFile builtHpi() {
        String file = System.getProperty("hpi.file");
        if (file == null) {
            throw new IllegalStateException("system property hpi.file is not set: run these tests with 'mvn verify'");
        }
        try {
            return read(Files.readAllBytes(Path.of(file)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": run 'mvn package' first", e);
        }
    }

    static PluginFile read(byte[] jar) {
        try (JarInputStream in = new JarInputStream(new ByteArrayInputStream(jar))) {
            Map<String, byte[]> entries = new LinkedHashMap<>();
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                if (!e.isDirectory()) {
                    entries.put(e.getName(), in.readAllBytes());
                }
            }
            return new PluginFile(in.getManifest(), entries);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The manifest as {@link JarInputStream} finds it: only when it is the first entry, as a jar requires. */
    Manifest manifest() {
        return manifest;
    }

    String attribute(String name) {
        return manifest == null ? null : manifest.getMainAttributes().getValue(name);
    }

    List<String> names() {
        return new ArrayList<>(entries.keySet());
    }

    boolean has(String name) {
        return entries.containsKey(name);
    }

    byte[] bytes(String name) {
        byte[] b = entries.get(name);
        if (b == null) {
            throw new AssertionError(name + " is not in the archive; it has " + names());
        }
        return b;
    }

    InputStream open(String name) {
        return new ByteArrayInputStream(bytes(name));
    }

    PluginFile nested(String name) {
        return read(bytes(name));
    }
}
