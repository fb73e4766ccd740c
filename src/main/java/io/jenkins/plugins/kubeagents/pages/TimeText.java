package io.jenkins.plugins.kubeagents.pages;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * Durations and times as people read them on Jenkins' pages: the two largest units ({@code 1 min 51 s},
 * {@code 2 hr 5 min}), tenths below ten seconds ({@code 4.2 s}), milliseconds below one ({@code 340 ms}), and a
 * past time as how long ago ({@code 12 s ago}).
 */
final class TimeText {
    private TimeText() {}

    static String span(Duration d) {
        long ms = Math.max(0, d.toMillis());
        if (ms < 1_000) {
            return ms + " ms";
        }
        if (ms < 10_000) {
            return String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
        }
        long s = ms / 1000;
        if (s < 60) {
            return s + " s";
        }
        if (s < 3600) {
            return two(s / 60, "min", s % 60, "s");
        }
        if (s < 86_400) {
            return two(s / 3600, "hr", s % 3600 / 60, "min");
        }
        long days = s / 86_400;
        return two(days, days == 1 ? "day" : "days", s % 86_400 / 3600, "hr");
    }

    static String ago(Instant then, Instant now) {
        return span(Duration.between(then, now)) + " ago";
    }

    private static String two(long big, String bigUnit, long small, String smallUnit) {
        return small == 0 ? big + " " + bigUnit : big + " " + bigUnit + " " + small + " " + smallUnit;
    }
}
