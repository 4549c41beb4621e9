package dev.relpromo.repackage.app;

import dev.relpromo.events.Platform;
import dev.relpromo.kit.app.Settings;
import dev.relpromo.repackage.SfxStubs;
import dev.relpromo.repackage.windows.SevenZipSettings;
import dev.relpromo.repackage.windows.SfxStub;
import java.io.IOException;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The repackage service's settings ({@code relpromo.repackage.<key>}, see {@link Settings} for where they are looked
 * up). Everything is read and checked when the service starts, so a mistake stops start-up with a message naming
 * the setting instead of failing every Windows task later.
 *
 * <ul>
 *   <li>{@value #SFX_STUB}{@code .<ftp platform>} ({@code sfx-stub.win32}, {@code sfx-stub.win64},
 *       {@code sfx-stub.win64-aarch64}): the 7-Zip SFX stub of that platform's installers; {@value #SFX_STUB}: of
 *       every Windows platform without its own; neither: a stand-in that cannot self-extract
 *       ({@link SfxStub#standIn});</li>
 *   <li>{@value #DICTIONARY_MIB}: the largest LZMA2 dictionary of the installers' 7z, in MiB (default
 *       {@link SevenZipSettings#DEFAULT_DICTIONARY_SIZE}; the encoder needs about 11 times it in heap).</li>
 * </ul>
 *
 * @param sfxStubs  the stub of every Windows platform
 * @param sevenZip  how the installers' 7z is compressed
 */
public record RepackageSettings(SfxStubs sfxStubs, SevenZipSettings sevenZip) {
    /** The SFX stub for every Windows platform; {@code sfx-stub.<ftp platform>} for one. */
    public static final String SFX_STUB = "sfx-stub";
    public static final String DICTIONARY_MIB = "seven-zip-dictionary-mib";
    /** The largest dictionary {@link SevenZipSettings} accepts. */
    static final int MAX_DICTIONARY_MIB = 256;

    /**
     * Reads and checks the settings, and the stub files they name.
     *
     * @throws IllegalArgumentException naming the setting, for a stub that cannot be read or is not a Windows
     *     executable, or a dictionary size out of range
     */
    public static RepackageSettings from(Settings settings) {
        return new RepackageSettings(sfxStubs(settings), sevenZip(settings));
    }

    private static SfxStubs sfxStubs(Settings settings) {
        Optional<Path> all = settings.path(SFX_STUB);
        Map<Platform, SfxStub> stubs = new EnumMap<>(Platform.class);
        for (Platform platform : Platform.values()) {
            if (!platform.isWindows()) {
                continue;
            }
            String key = SFX_STUB + "." + platform.ftpPlatform();
            Optional<Path> own = settings.path(key);
            if (own.isPresent()) {
                stubs.put(platform, read(settings, key, own.get()));
            } else if (all.isPresent()) {
                stubs.put(platform, read(settings, SFX_STUB, all.get()));
            }
        }
        return SfxStubs.of(stubs);
    }

    private static SfxStub read(Settings settings, String key, Path file) {
        try {
            return SfxStub.read(file);
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalArgumentException(name(settings, key) + " names the SFX stub " + file
                    + ", which cannot be used: " + (e instanceof IOException ? e.getClass().getSimpleName() + " "
                    : "") + e.getMessage(), e);
        }
    }

    private static SevenZipSettings sevenZip(Settings settings) {
        int mib = settings.integer(DICTIONARY_MIB, SevenZipSettings.DEFAULT_DICTIONARY_SIZE >> 20, 1);
        if (mib > MAX_DICTIONARY_MIB) {
            throw new IllegalArgumentException(name(settings, DICTIONARY_MIB) + " must be at most "
                    + MAX_DICTIONARY_MIB + " (MiB), not " + mib);
        }
        return SevenZipSettings.DEFAULT.withDictionarySize(mib << 20);
    }

    /** How an operator finds the setting: its property and environment variable. */
    private static String name(Settings settings, String key) {
        return "setting " + key + " (relpromo." + settings.service() + "." + key + ", RELPROMO_"
                + (settings.service() + "_" + key).toUpperCase(Locale.ROOT).replace('.', '_')
                .replace('-', '_') + ")";
    }
}
