package hudson;

import java.io.IOException;

/** Stand-in. */
public class AbortException extends IOException {
    public AbortException(String message) {
        throw new UnsupportedOperationException("compile-only stand-in");
    }
}
