package net.sf.json;

public final class JSONObject {
    public static JSONObject fromObject(Object object) {
        throw new UnsupportedOperationException("compile-only stand-in");
    }
}
