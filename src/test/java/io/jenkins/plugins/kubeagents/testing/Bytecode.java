package io.jenkins.plugins.kubeagents.testing;

import java.io.IOException;
import java.io.InputStream;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/** The method calls in a compiled class, for tests that check what the plugin's code calls. */
public final class Bytecode {
    /** One call: in which method of the class, to which method (name and descriptor) of which class (internal name). */
    public interface Call {
        void seen(String inMethod, String owner, String called, String descriptor);
    }

    /** One read of a field: in which method of the class, of which field of which class (internal name). */
    public interface FieldRead {
        void seen(String inMethod, String owner, String field);
    }

    private Bytecode() {}

    public static void calls(InputStream classFile, Call call) throws IOException {
        new ClassReader(classFile).accept(new ClassVisitor(Opcodes.ASM9) {
            @Override
            public MethodVisitor visitMethod(int access, String method, String descriptor, String signature, String[] exceptions) {
                return new MethodVisitor(Opcodes.ASM9) {
                    @Override
                    public void visitMethodInsn(int opcode, String owner, String called, String desc, boolean itf) {
                        call.seen(method, owner, called, desc);
                    }
                };
            }
        }, ClassReader.SKIP_DEBUG);
    }

    /** The reads of fields (GETFIELD, GETSTATIC); a compile-time constant leaves none, javac copies its value. */
    public static void fieldReads(InputStream classFile, FieldRead read) throws IOException {
        new ClassReader(classFile).accept(new ClassVisitor(Opcodes.ASM9) {
            @Override
            public MethodVisitor visitMethod(int access, String method, String descriptor, String signature, String[] exceptions) {
                return new MethodVisitor(Opcodes.ASM9) {
                    @Override
                    public void visitFieldInsn(int opcode, String owner, String field, String desc) {
                        if (opcode == Opcodes.GETFIELD || opcode == Opcodes.GETSTATIC) {
                            read.seen(method, owner, field);
                        }
                    }
                };
            }
        }, ClassReader.SKIP_DEBUG);
    }
}
