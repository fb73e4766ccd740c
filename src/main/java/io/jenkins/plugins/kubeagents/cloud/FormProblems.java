package io.jenkins.plugins.kubeagents.cloud;

import hudson.util.FormValidation;
import io.jenkins.plugins.kubeagents.engine.validation.Problem;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** The engine's problems as a form's answer: the messages of all of them, or OK. */
final class FormProblems {
    private FormProblems() {}

    static FormValidation of(Optional<Problem> problem) {
        return of(problem.map(List::of).orElse(List.of()));
    }

    static FormValidation of(List<Problem> problems) {
        if (problems.isEmpty()) {
            return FormValidation.ok();
        }
        return FormValidation.error(problems.stream()
                .map(p -> p.message() + (p.value() == null ? "" : " (got '" + p.value() + "')"))
                .distinct().collect(Collectors.joining("; ")));
    }
}
