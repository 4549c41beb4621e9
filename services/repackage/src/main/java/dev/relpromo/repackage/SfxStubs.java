package dev.relpromo.repackage;

import dev.relpromo.events.Platform;
import dev.relpromo.repackage.windows.SfxStub;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SFX stub of each Windows platform: the operator's where one is configured, else
 * {@link SfxStub#standIn(Platform)}, which <b>cannot self-extract</b>. Each stand-in is announced once, when the
 * service starts (a warning per platform), and every installer built with one says so in its task's log line.
 */
public final class SfxStubs {
    private static final Logger LOG = LoggerFactory.getLogger(SfxStubs.class);

    private final Map<Platform, SfxStub> stubs;

    private SfxStubs(Map<Platform, SfxStub> stubs) {
        this.stubs = Collections.unmodifiableMap(stubs);
    }

    /**
     * The configured stubs, with stand-ins for the Windows platforms that have none.
     *
     * @param configured by platform; only Windows platforms may appear
     * @throws IllegalArgumentException for a platform without Windows installers
     */
    public static SfxStubs of(Map<Platform, SfxStub> configured) {
        Map<Platform, SfxStub> stubs = new EnumMap<>(Platform.class);
        configured.forEach((platform, stub) -> {
            if (!platform.isWindows()) {
                throw new IllegalArgumentException("an SFX stub for " + platform.ftpPlatform()
                        + ", which has no Windows installer");
            }
            stubs.put(platform, stub);
        });
        Arrays.stream(Platform.values()).filter(Platform::isWindows).filter(p -> !stubs.containsKey(p))
                .forEach(platform -> {
                    SfxStub standIn = SfxStub.standIn(platform);
                    LOG.warn("no SFX stub configured for {}: its installers use the {} ({} bytes), which cannot"
                            + " self-extract; configure the real 7zSD.sfx to ship them", platform.ftpPlatform(),
                            standIn.origin(), standIn.size());
                    stubs.put(platform, standIn);
                });
        return new SfxStubs(stubs);
    }

    /** Stand-ins for every Windows platform (tests, the demo). */
    public static SfxStubs standIns() {
        return of(Map.of());
    }

    /**
     * The stub for {@code platform}.
     *
     * @throws IllegalArgumentException for a platform without Windows installers
     */
    public SfxStub forPlatform(Platform platform) {
        SfxStub stub = stubs.get(platform);
        if (stub == null) {
            throw new IllegalArgumentException(platform.ftpPlatform() + " has no Windows installer");
        }
        return stub;
    }

    @Override
    public String toString() {
        return "SfxStubs" + stubs.values();
    }
}
