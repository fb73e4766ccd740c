package hudson;

/** Stand-in. */
public interface ExtensionPoint {}
