package dev.relpromo.embedded;

import java.lang.reflect.Method;
import java.util.List;

import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;

/**
 * Raises the broker's loggers to WARN, because a broker at INFO logs hundreds of lines per start.
 *
 * <p>Only acts when logback is the slf4j backend (what the services use), via reflection so logback stays
 * optional. A logger that has an explicit level, itself or on an ancestor below the root, is left alone, so
 * {@code <logger name="kafka" level="INFO"/>} in logback.xml brings the broker's logs back. Client packages
 * ({@code org.apache.kafka.clients}, {@code org.apache.kafka.common}) are not touched: the application's own
 * clients log there too.
 */
final class QuietBrokerLogs {

    static final List<String> BROKER_LOGGERS = List.of(
            "kafka",
            "state.change.logger",
            "org.apache.kafka.controller",
            "org.apache.kafka.coordinator",
            "org.apache.kafka.image",
            "org.apache.kafka.metadata",
            "org.apache.kafka.network",
            "org.apache.kafka.queue",
            "org.apache.kafka.raft",
            "org.apache.kafka.security",
            "org.apache.kafka.server",
            "org.apache.kafka.snapshot",
            "org.apache.kafka.storage");

    private QuietBrokerLogs() {
    }

    static void apply() {
        ILoggerFactory factory = LoggerFactory.getILoggerFactory();
        if (!factory.getClass().getName().equals("ch.qos.logback.classic.LoggerContext")) {
            return;
        }
        try {
            Class<?> levelClass = Class.forName("ch.qos.logback.classic.Level", true, factory.getClass().getClassLoader());
            Object warn = levelClass.getField("WARN").get(null);
            for (String name : BROKER_LOGGERS) {
                if (!hasExplicitLevel(factory, name)) {
                    Object logger = factory.getLogger(name);
                    logger.getClass().getMethod("setLevel", levelClass).invoke(logger, warn);
                }
            }
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            LoggerFactory.getLogger(QuietBrokerLogs.class).debug("Could not quiet broker logs", e);
        }
    }

    private static boolean hasExplicitLevel(ILoggerFactory factory, String name) throws ReflectiveOperationException {
        for (String n = name; ; n = n.substring(0, n.lastIndexOf('.'))) {
            Object logger = factory.getLogger(n);
            Method getLevel = logger.getClass().getMethod("getLevel");
            if (getLevel.invoke(logger) != null) {
                return true;
            }
            if (n.indexOf('.') < 0) {
                return false;
            }
        }
    }
}
