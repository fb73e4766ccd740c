package hudson;

import java.io.IOException;

/** Stand-in. */
public final class FilePath {
    private FilePath() {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    public FilePath child(String relOrAbsolute) {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    public String getRemote() {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    public void mkdirs() throws IOException, InterruptedException {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    public void write(String content, String encoding) throws IOException, InterruptedException {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    public boolean delete() throws IOException, InterruptedException {
        throw new UnsupportedOperationException("compile-only stand-in");
    }
}
