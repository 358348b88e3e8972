package io.mediausage.collector.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.Logger;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Property;

/** The lines one class logs while a test runs, at DEBUG and above, as "LEVEL message". */
public final class CapturedLog extends AbstractAppender implements AutoCloseable {

    private final Logger logger;
    private final Level levelBefore;
    private final List<String> lines = new CopyOnWriteArrayList<>();

    private CapturedLog(Logger logger) {
        super("captured-" + logger.getName(), null, null, true, Property.EMPTY_ARRAY);
        this.logger = logger;
        this.levelBefore = logger.getLevel();
    }

    public static CapturedLog of(Class<?> type) {
        CapturedLog captured = new CapturedLog((Logger) LogManager.getLogger(type));
        captured.start();
        captured.logger.addAppender(captured);
        captured.logger.setLevel(Level.DEBUG);
        return captured;
    }

    @Override
    public void append(LogEvent event) {
        lines.add(event.getLevel() + " " + event.getMessage().getFormattedMessage());
    }

    public List<String> lines() {
        return List.copyOf(lines);
    }

    @Override
    public void close() {
        logger.removeAppender(this);
        logger.setLevel(levelBefore);
        stop();
    }
}
