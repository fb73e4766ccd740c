package org.jenkinsci.plugins.workflow.steps;

import java.io.IOException;
import java.io.Serializable;

/** Stand-in (workflow-step-api); its Guava supertype, which declares onFailure, is left out. */
public abstract class StepContext implements Serializable {
    public abstract <T> T get(Class<T> key) throws IOException, InterruptedException;

    public abstract void onSuccess(Object result);

    public abstract BodyInvoker newBodyInvoker();
}
