package dev.relpromo.repackage.windows;

import dev.relpromo.events.Platform;
import dev.relpromo.kit.pe.MinimalPe;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The self-extracting executable that starts an installer ({@code 7zSD.Win32.sfx} upstream): it finds the
 * {@link AppTag} and the 7z appended to it, extracts them to a temporary directory and runs the tag's program.
 *
 * <p>Operators configure the real stub per platform (for example {@code --sfx-stub FILE}); it is not
 * redistributable with this project. Without one, {@link #standIn} gives a {@link MinimalPe}: a valid Windows
 * executable for the platform's CPU that signs and verifies like the real one but <b>cannot self-extract</b>
 * (it returns 0 at once, and its {@link MinimalPe#MARKER} text says so). Installers built with it are
 * well-formed 7-Zip SFX files for every tool that reads them, but double-clicking one does nothing.
 */
public final class SfxStub {
    private final byte[] bytes;
    private final String origin;
    private final boolean standIn;

    private SfxStub(byte[] bytes, String origin, boolean standIn) {
        if (bytes.length < 2 || bytes[0] != 'M' || bytes[1] != 'Z') {
            throw new IllegalArgumentException("the SFX stub " + origin + " is not a Windows executable (no MZ header)");
        }
        this.bytes = bytes;
        this.origin = origin;
        this.standIn = standIn;
    }

    /** The stub in {@code file}, as configured by the operator. */
    public static SfxStub read(Path file) throws IOException {
        return new SfxStub(Files.readAllBytes(file), file.toString(), false);
    }

    /** A stub given as bytes ({@code origin} names it in messages). */
    public static SfxStub of(byte[] bytes, String origin) {
        return new SfxStub(bytes.clone(), origin, false);
    }

    /**
     * The default when no stub is configured: a {@link MinimalPe} for the platform's CPU ({@code win32} i386,
     * {@code win64} amd64, {@code win64-aarch64} arm64). It cannot self-extract; see the class description.
     *
     * @throws IllegalArgumentException for a platform that is not Windows
     */
    public static SfxStub standIn(Platform platform) {
        return new SfxStub(MinimalPe.image(machine(platform)), "stand-in for " + platform.ftpPlatform(), true);
    }

    static MinimalPe.Machine machine(Platform platform) {
        return switch (platform) {
            case WIN32 -> MinimalPe.Machine.I386;
            case WIN64 -> MinimalPe.Machine.AMD64;
            case WIN64_AARCH64 -> MinimalPe.Machine.ARM64;
            default -> throw new IllegalArgumentException(platform.ftpPlatform() + " has no Windows installer");
        };
    }

    /** A copy of the stub's bytes. */
    public byte[] bytes() {
        return bytes.clone();
    }

    public int size() {
        return bytes.length;
    }

    /** True for the {@link #standIn} default, which cannot self-extract. */
    public boolean isStandIn() {
        return standIn;
    }

    /** Where the stub came from: its file, or which stand-in it is. */
    public String origin() {
        return origin;
    }

    byte[] unsafeBytes() {
        return bytes;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SfxStub s && standIn == s.standIn && Arrays.equals(bytes, s.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "SfxStub[" + origin + ", " + bytes.length + " bytes" + (standIn ? ", cannot self-extract]" : "]");
    }
}
