package org.jenkinsci.plugins.workflow.steps;

import java.io.Serializable;

/** Stand-in (workflow-step-api). */
public abstract class BodyExecutionCallback implements Serializable {
    public abstract void onSuccess(StepContext context, Object result);

    public abstract void onFailure(StepContext context, Throwable t);

    public abstract static class TailCall extends BodyExecutionCallback {
        protected abstract void finished(StepContext context) throws Exception;

        @Override
        public final void onSuccess(StepContext context, Object result) {
            throw new UnsupportedOperationException("compile-only stand-in");
        }

        @Override
        public void onFailure(StepContext context, Throwable t) {
            throw new UnsupportedOperationException("compile-only stand-in");
        }
    }
}
