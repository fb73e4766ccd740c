package hudson.slaves;

import jenkins.agents.IOfflineCause;

public abstract class OfflineCause implements IOfflineCause {
}
