package hudson.model;

import java.util.List;

/** Stand-in. */
public abstract class Actionable extends AbstractModelObject {
    public <T extends Action> List<T> getActions(Class<T> type) {
        throw new UnsupportedOperationException("compile-only stand-in");
    }
}
