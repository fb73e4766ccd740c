package hudson.util;

import java.util.ArrayList;

public class ListBoxModel extends ArrayList<ListBoxModel.Option> {
    public ListBoxModel() {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    public void add(String displayName, String value) {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    public static final class Option {
        private Option() {
            throw new UnsupportedOperationException("compile-only stand-in");
        }
    }
}
