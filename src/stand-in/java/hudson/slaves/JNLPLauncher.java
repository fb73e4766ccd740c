package hudson.slaves;

public class JNLPLauncher extends ComputerLauncher {
    public JNLPLauncher() {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    public void setWebSocket(boolean webSocket) {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    public void setTunnel(String tunnel) {
        throw new UnsupportedOperationException("compile-only stand-in");
    }
}
