package hudson.security;

/** Stand-in. */
public interface AccessControlled {}
