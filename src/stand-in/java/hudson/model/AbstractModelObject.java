package hudson.model;

/** Stand-in. */
public abstract class AbstractModelObject {}
