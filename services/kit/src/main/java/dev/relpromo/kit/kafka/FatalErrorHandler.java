package dev.relpromo.kit.kafka;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a pipeline does when it cannot go on: a half-alive process (HTTP up, a worker thread dead) hides failures,
 * so the default takes the whole process down with a clear message and exit code 70 (EX_SOFTWARE); orchestrators
 * restart it, and uncommitted work is redone. Tests install a handler that records the failure instead.
 */
@FunctionalInterface
public interface FatalErrorHandler {
    int EXIT_CODE = 70;

    void fatal(String component, String message, Throwable cause);

    FatalErrorHandler EXIT = (component, message, cause) -> {
        Logger log = LoggerFactory.getLogger(FatalErrorHandler.class);
        log.error("{}: {}; stopping the process", component, message, cause);
        System.err.println("relpromo: " + component + ": " + message + " (" + cause + "); stopping the process");
        // Exit from a fresh thread: shutdown hooks close the pipelines and wait for their threads, including this one.
        Thread exit = new Thread(() -> System.exit(EXIT_CODE), "relpromo-fatal-exit");
        exit.start();
    };
}
