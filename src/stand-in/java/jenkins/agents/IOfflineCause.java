package jenkins.agents;

public interface IOfflineCause {
}
