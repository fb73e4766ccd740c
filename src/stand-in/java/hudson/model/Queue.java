package hudson.model;

import java.util.List;

public class Queue {
    private Queue() {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    public List<BuildableItem> getBuildableItems() {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    public static void withLock(Runnable runnable) {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    public interface Executable extends Runnable {
    }

    public interface Task {
    }

    public abstract static class Item extends Actionable {
        public final Task task;

        protected Item() {
            task = null;
            throw new UnsupportedOperationException("compile-only stand-in");
        }

        public Label getAssignedLabel() {
            throw new UnsupportedOperationException("compile-only stand-in");
        }
    }

    public static final class BuildableItem extends Item {
        private BuildableItem() {
            throw new UnsupportedOperationException("compile-only stand-in");
        }
    }
}
