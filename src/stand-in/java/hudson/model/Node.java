package hudson.model;

/** Stand-in. */
public abstract class Node extends AbstractModelObject {}
