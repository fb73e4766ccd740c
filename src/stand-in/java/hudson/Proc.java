package hudson;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/** Stand-in. Its constructor, empty as Jenkins' own, lets tests build the plugin's process without Jenkins. */
public abstract class Proc {
    protected Proc() {
    }

    public abstract boolean isAlive() throws IOException, InterruptedException;

    public abstract void kill() throws IOException, InterruptedException;

    public abstract int join() throws IOException, InterruptedException;

    public abstract InputStream getStdout();

    public abstract InputStream getStderr();

    public abstract OutputStream getStdin();
}
