package io.jenkins.plugins.kubeagents.standin;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.kubeagents.provisioning.NoDelayProvisioning;
import io.jenkins.plugins.kubeagents.testing.Bytecode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.Test;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.FieldVisitor;
import org.objectweb.asm.Opcodes;

/**
 * The compile-only stand-in declares no compile-time constant that Jenkins lacks. javac copies the value of a
 * constant (a final primitive or String field with a constant initializer, stored with a ConstantValue attribute)
 * into every class that reads it, so the plugin would never read Jenkins' real field, and no signature check can
 * notice: no reference to the field is left. A stand-in {@code public final int numExecutors = 0} made every
 * planned node count 0 executors inside the real Jenkins.
 */
public class StandInConstantsTest {
    private static final Path CLASSES = Path.of("target", "classes");
    private static final List<String> STAND_IN = List.of("hudson", "jenkins", "org/kohsuke", "org/jenkinsci", "net/sf/json");

    /**
     * The constants the stand-in may declare: only those Jenkins itself declares as constants with the same value,
     * each checked against the Jenkins sources (class#field=value). None is needed so far.
     */
    private static final Map<String, Object> VERIFIED_AGAINST_JENKINS = Map.of();

    @Test
    public void theStandInDeclaresOnlyConstantsThatJenkinsDeclaresWithTheSameValue() throws IOException {
        Map<String, Object> constants = standInConstants();
        Map<String, Object> unverified = new TreeMap<>(constants);
        unverified.entrySet().removeIf(c -> c.getValue().equals(VERIFIED_AGAINST_JENKINS.get(c.getKey())));
        assertThat(unverified)
                .as("stand-in constants javac would inline into the plugin; declare them without an initializer "
                        + "(assign them in a constructor) unless Jenkins declares the same constant")
                .isEmpty();
    }

    @Test
    public void theCheckSeesTheStandInClasses() throws IOException {
        assertThat(Files.exists(CLASSES.resolve("hudson/slaves/NodeProvisioner$PlannedNode.class"))).isTrue();
    }

    /** The no-delay strategy counts the executors Jenkins' planned nodes really have: it reads the field. */
    @Test
    public void theProvisioningStrategyReadsPlannedExecutorsFromTheField() throws IOException {
        StringBuilder reads = new StringBuilder();
        try (Stream<Path> files = Files.list(CLASSES.resolve("io/jenkins/plugins/kubeagents/provisioning"))) {
            for (Path strategy : files.filter(f -> f.getFileName().toString().startsWith("NoDelayProvisioning")).toList()) {
                try (InputStream in = Files.newInputStream(strategy)) {
                    Bytecode.fieldReads(in, (method, owner, field) -> reads.append(owner).append('#').append(field).append('\n'));
                }
            }
        }
        assertThat(reads.toString()).contains("hudson/slaves/NodeProvisioner$PlannedNode#numExecutors");
    }

    /** Every field a plugin class could read (not private) with a ConstantValue attribute, by class#field. */
    private static Map<String, Object> standInConstants() throws IOException {
        Map<String, Object> constants = new TreeMap<>();
        for (String root : STAND_IN) {
            try (Stream<Path> files = Files.walk(CLASSES.resolve(root))) {
                for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                    try (InputStream in = Files.newInputStream(file)) {
                        ClassReader reader = new ClassReader(in);
                        reader.accept(new ClassVisitor(Opcodes.ASM9) {
                            @Override
                            public FieldVisitor visitField(int access, String name, String descriptor, String signature, Object value) {
                                if (value != null && (access & Opcodes.ACC_PRIVATE) == 0) {
                                    constants.put(reader.getClassName() + "#" + name, value);
                                }
                                return null;
                            }
                        }, ClassReader.SKIP_CODE);
                    }
                }
            }
        }
        return constants;
    }
}
