package jenkins.model;

import hudson.model.InvisibleAction;
import java.util.List;

public class InterruptedBuildAction extends InvisibleAction {
    private InterruptedBuildAction() {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    public List<CauseOfInterruption> getCauses() {
        throw new UnsupportedOperationException("compile-only stand-in");
    }
}
