package org.kohsuke.stapler.json;

import net.sf.json.JSONObject;
import org.kohsuke.stapler.HttpResponses;

public class JsonHttpResponse extends HttpResponses.HttpResponseException {
    public JsonHttpResponse(JSONObject o) {
        throw new UnsupportedOperationException("compile-only stand-in");
    }
}
