package dev.relpromo.planner.config;

import java.nio.file.Path;
import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One {@code desktop/<sub>/} directory of a partner repo: its parsed {@code repack.cfg} and the content that goes
 * into the snapshot ({@code repack.cfg}, {@code distribution/**}, {@code extensions/**}).
 *
 * <p>The bytes are read once, when the configuration is loaded, so the content hash, the snapshot and the plan
 * all describe the same files even if the directory changes meanwhile.
 *
 * @param files relative path ({@code /}-separated, e.g. {@code distribution/distribution.ini}) → content, sorted
 */
public record SubConfig(String partner, String name, Path dir, RepackPath repackPath, RepackConfig repackConfig,
                        SortedMap<String, byte[]> files) {

    public SubConfig {
        files = Collections.unmodifiableSortedMap(new TreeMap<>(files));
    }

    /** {@code partner/sub}, the prefix of this sub-config's repack ids. */
    public String id() {
        return partner + "/" + name;
    }

    /** {@code partner/sub/locale}: the unit of repacking. */
    public String repackId(String locale) {
        return id() + "/" + locale;
    }
}
