package org.jenkinsci.plugins.workflow.steps;

import java.io.Serializable;

/** Stand-in (workflow-step-api). */
public abstract class StepExecution implements Serializable {
    protected StepExecution(StepContext context) {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    public StepContext getContext() {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    public abstract boolean start() throws Exception;
}
