package hudson.model;

/** Stand-in. */
public abstract class Label extends Actionable {}
