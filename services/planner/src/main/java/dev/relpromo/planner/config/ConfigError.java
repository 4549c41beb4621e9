package dev.relpromo.planner.config;

import java.nio.file.Path;

/**
 * One problem in a partner configuration tree. {@code line} is 1-based; 0 means the problem concerns the whole
 * file or directory (a missing file, an unsafe directory name).
 */
public record ConfigError(Path file, int line, String message) {

    /** {@code path/to/repack.cfg:7: unknown key 'foo'}, or {@code path: message} without a line. */
    @Override
    public String toString() {
        return line > 0 ? file + ":" + line + ": " + message : file + ": " + message;
    }
}
