package dev.wmdpjunit.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ThrottledProgressTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void logsAtMostOncePerIntervalAndAlwaysAtTheEnd() {
        AtomicLong clock = new AtomicLong(0);
        List<String> lines = new ArrayList<>();
        ThrottledProgress progress = new ThrottledProgress("wmdp-bio", lines::add, clock::get, Duration.ofSeconds(5));

        clock.set(2 * SECOND);
        progress.questionsScored(8, 100);
        clock.set(4 * SECOND);
        progress.questionsScored(16, 100);
        assertThat(lines).isEmpty();

        clock.set(5 * SECOND);
        progress.questionsScored(20, 100);
        assertThat(lines).containsExactly("wmdp-bio: 20/100 questions, 4.0 questions/s, ETA 20s");

        clock.set(9 * SECOND);
        progress.questionsScored(36, 100);
        assertThat(lines).hasSize(1);

        clock.set(25 * SECOND);
        progress.questionsScored(100, 100);
        assertThat(lines).last().isEqualTo("wmdp-bio: 100/100 questions, 4.0 questions/s, done in 25s");
    }

    @Test
    void longEtasReadInHoursAndMinutes() {
        AtomicLong clock = new AtomicLong(0);
        List<String> lines = new ArrayList<>();
        ThrottledProgress progress = new ThrottledProgress("mmlu:x", lines::add, clock::get, Duration.ofSeconds(5));

        clock.set(10 * SECOND);
        progress.questionsScored(1, 400);

        assertThat(lines).containsExactly("mmlu:x: 1/400 questions, 0.1 questions/s, ETA 1h 06m 30s");
    }
}
