package org.jenkinsci.plugins.workflow.steps;

import java.io.Serializable;

/** Stand-in (workflow-step-api). */
public abstract class BodyExecution implements Serializable {
}
