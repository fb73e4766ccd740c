package jenkins.model;

public class JenkinsLocationConfiguration {
    private JenkinsLocationConfiguration() {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    public static JenkinsLocationConfiguration get() {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    public String getUrl() {
        throw new UnsupportedOperationException("compile-only stand-in");
    }
}
