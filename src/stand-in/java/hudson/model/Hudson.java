package hudson.model;

import jenkins.model.Jenkins;

public class Hudson extends Jenkins {
    private Hudson() {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    public static class CloudList extends Jenkins.CloudList {
    }
}
