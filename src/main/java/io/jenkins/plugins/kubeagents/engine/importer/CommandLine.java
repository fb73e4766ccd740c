package io.jenkins.plugins.kubeagents.engine.importer;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a command line into words as the Kubernetes plugin does for a container's command, args and probe: on
 * white space, except inside single or double quotes, which group words and are dropped.
 */
final class CommandLine {
    private CommandLine() {}

    static List<String> split(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        for (char c : line.toCharArray()) {
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    word.append(c);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (inWord) {
            words.add(word.toString());
        }
        return words;
    }
}
