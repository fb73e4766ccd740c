package hudson.model;

/** Stand-in. */
public interface Describable<T extends Describable<T>> {}
