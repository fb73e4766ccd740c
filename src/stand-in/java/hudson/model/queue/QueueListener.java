package hudson.model.queue;

import hudson.ExtensionPoint;
import hudson.model.Queue;

public abstract class QueueListener implements ExtensionPoint {
    public void onEnterBuildable(Queue.BuildableItem bi) {
        throw new UnsupportedOperationException("compile-only stand-in");
    }
}
