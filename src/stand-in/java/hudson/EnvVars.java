package hudson;

import java.util.TreeMap;

/** Stand-in. */
public class EnvVars extends TreeMap<String, String> {
    public EnvVars() {
        throw new UnsupportedOperationException("compile-only stand-in");
    }
}
