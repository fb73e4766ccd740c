package io.jenkins.plugins.kubeagents;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.Test;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * The launcher blocks Jenkins' launch thread until the engine's verdict: every wait it makes has a deadline, so an
 * engine that cannot answer (a runtime closed under it) ends the launch with a clear failure instead of a thread
 * that hangs until the agent's backup idle time. Read from the compiled launcher.
 */
public class LauncherDeadlineTest {
    /** Waits without a deadline: Future#get(), CompletableFuture#join(), Computer#waitUntilOnline(). */
    private static final Set<String> UNBOUNDED = Set.of("get()Ljava/lang/Object;", "join()Ljava/lang/Object;",
            "waitUntilOnline()V");

    @Test
    public void everyWaitOfTheLauncherHasADeadline() throws IOException {
        List<String> unbounded = new ArrayList<>();
        List<String> bounded = new ArrayList<>();
        try (InputStream in = Files.newInputStream(Path.of("target", "classes", "io/jenkins/plugins/kubeagents/KubeAgentsLauncher.class"))) {
            new ClassReader(in).accept(new ClassVisitor(Opcodes.ASM9) {
                @Override
                public MethodVisitor visitMethod(int access, String method, String descriptor, String signature, String[] exceptions) {
                    return new MethodVisitor(Opcodes.ASM9) {
                        @Override
                        public void visitMethodInsn(int opcode, String owner, String name, String desc, boolean itf) {
                            if (UNBOUNDED.contains(name + desc)) {
                                unbounded.add(method + " calls " + owner + "#" + name + desc);
                            } else if (name.equals("get") && desc.equals("(JLjava/util/concurrent/TimeUnit;)Ljava/lang/Object;")) {
                                bounded.add(method);
                            }
                        }
                    };
                }
            }, ClassReader.SKIP_DEBUG);
        }
        assertThat(unbounded).as("waits without a deadline").isEmpty();
        assertThat(bounded).as("the wait for the engine's verdict").contains("launch");
    }
}
