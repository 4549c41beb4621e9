package dev.relpromo.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class QuietBrokerLogsTest {

    private final LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    private final Map<String, Level> saved = new HashMap<>();

    @BeforeEach
    void clearLevels() {
        // logback-test.xml sets "kafka" and "org.apache.kafka" explicitly; start from an unconfigured state
        for (String name : new String[] {"kafka", "org.apache.kafka", "org.apache.kafka.raft", "org.apache.kafka.clients"}) {
            Logger logger = context.getLogger(name);
            saved.put(name, logger.getLevel());
            logger.setLevel(null);
        }
    }

    @AfterEach
    void restoreLevels() {
        saved.forEach((name, level) -> context.getLogger(name).setLevel(level));
    }

    @Test
    void unconfiguredBrokerLoggersGoToWarnButClientLoggersDoNot() {
        QuietBrokerLogs.apply();

        assertThat(context.getLogger("kafka").getLevel()).isEqualTo(Level.WARN);
        assertThat(context.getLogger("org.apache.kafka.raft").getLevel()).isEqualTo(Level.WARN);
        assertThat(context.getLogger("org.apache.kafka.clients").getLevel()).isNull();
    }

    @Test
    void explicitLevelOnTheLoggerOrAnAncestorIsRespected() {
        context.getLogger("kafka").setLevel(Level.INFO);
        context.getLogger("org.apache.kafka").setLevel(Level.DEBUG);

        QuietBrokerLogs.apply();

        assertThat(context.getLogger("kafka").getLevel()).isEqualTo(Level.INFO);
        assertThat(context.getLogger("org.apache.kafka.raft").getLevel()).isNull();
        assertThat(context.getLogger("org.apache.kafka.raft").getEffectiveLevel()).isEqualTo(Level.DEBUG);
    }
}
