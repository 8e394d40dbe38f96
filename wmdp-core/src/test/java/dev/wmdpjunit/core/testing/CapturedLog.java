package dev.wmdpjunit.core.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Takes a {@code System.Logger}'s records (JUL, its default backend), at every level, away from the console for each
 * test and keeps them, so a test that provokes a warning on purpose asserts it instead of printing a WARNING that
 * reads like a real failure in the build log, and a test of what is logged sees it whatever the build configures.
 *
 * <pre>{@code
 * @RegisterExtension
 * final CapturedLog log = new CapturedLog("dev.wmdpjunit.rmu");
 * ... assertThat(log.warnings()).anyMatch(m -> m.contains("MODEL COLLAPSE"));
 * }</pre>
 */
public final class CapturedLog implements BeforeEachCallback, AfterEachCallback {

    private static final SimpleFormatter FORMATTER = new SimpleFormatter();

    /** Held strongly: JUL keeps loggers only weakly, and a collected logger would lose the settings below. */
    private final Logger logger;
    private final List<LogRecord> records = new CopyOnWriteArrayList<>();
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            records.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private boolean parentHandlers;
    private Level level;

    /** @param loggerName the logger whose records (and those of the loggers below it) are captured */
    public CapturedLog(String loggerName) {
        this.logger = Logger.getLogger(loggerName);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        records.clear();
        parentHandlers = logger.getUseParentHandlers();
        level = logger.getLevel();
        logger.setUseParentHandlers(false);
        // Every record, whatever level the build's logging configuration sets for this logger.
        logger.setLevel(Level.ALL);
        logger.addHandler(handler);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        logger.removeHandler(handler);
        logger.setLevel(level);
        logger.setUseParentHandlers(parentHandlers);
    }

    /** The messages logged at {@code minimum} or above during this test, formatted. */
    public List<String> messages(Level minimum) {
        return records.stream().filter(r -> r.getLevel().intValue() >= minimum.intValue())
                .map(FORMATTER::formatMessage).toList();
    }

    /** The messages logged at WARNING or above during this test, formatted. */
    public List<String> warnings() {
        return messages(Level.WARNING);
    }
}
