package hudson;

import hudson.model.TaskListener;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;

/** Stand-in. */
public abstract class Launcher {
    Launcher() {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    public TaskListener getListener() {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    public abstract Proc launch(ProcStarter starter) throws IOException;

    public abstract void kill(Map<String, String> modelEnvVars) throws IOException, InterruptedException;

    protected final void maskedPrintCommandLine(List<String> cmd, boolean[] mask, FilePath workDir) {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    public final class ProcStarter {
        private ProcStarter() {
            throw new UnsupportedOperationException("compile-only stand-in");
        }

        public List<String> cmds() {
            throw new UnsupportedOperationException("compile-only stand-in");
        }

        public String[] envs() {
            throw new UnsupportedOperationException("compile-only stand-in");
        }

        public FilePath pwd() {
            throw new UnsupportedOperationException("compile-only stand-in");
        }

        public boolean[] masks() {
            throw new UnsupportedOperationException("compile-only stand-in");
        }

        public boolean quiet() {
            throw new UnsupportedOperationException("compile-only stand-in");
        }

        public OutputStream stdout() {
            throw new UnsupportedOperationException("compile-only stand-in");
        }

        public OutputStream stderr() {
            throw new UnsupportedOperationException("compile-only stand-in");
        }

        public InputStream stdin() {
            throw new UnsupportedOperationException("compile-only stand-in");
        }
    }

    public static class DecoratedLauncher extends Launcher {
        public DecoratedLauncher(Launcher inner) {
            throw new UnsupportedOperationException("compile-only stand-in");
        }

        public Launcher getInner() {
            throw new UnsupportedOperationException("compile-only stand-in");
        }

        @Override
        public Proc launch(ProcStarter starter) throws IOException {
            throw new UnsupportedOperationException("compile-only stand-in");
        }

        @Override
        public void kill(Map<String, String> modelEnvVars) throws IOException, InterruptedException {
            throw new UnsupportedOperationException("compile-only stand-in");
        }
    }
}
