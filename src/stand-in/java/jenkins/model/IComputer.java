package jenkins.model;

import jenkins.agents.IOfflineCause;

public interface IComputer {
    IOfflineCause getOfflineCause();
}
