package hudson.model;

/** Stand-in. */
public abstract class Actionable extends AbstractModelObject {}
