package org.kohsuke.stapler;

public class ForwardToView extends RuntimeException implements HttpResponse {
    public ForwardToView(Object it, String view) {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    public ForwardToView with(String varName, Object value) {
        throw new UnsupportedOperationException("compile-only stand-in");
    }
}
