package org.jenkinsci.plugins.workflow.steps;

import hudson.LauncherDecorator;

/** Stand-in (workflow-step-api). */
public abstract class BodyInvoker {
    public static LauncherDecorator mergeLauncherDecorators(LauncherDecorator original, LauncherDecorator subsequent) {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    public abstract BodyInvoker withContext(Object override);

    public abstract BodyInvoker withCallback(BodyExecutionCallback callback);

    public abstract BodyExecution start();
}
