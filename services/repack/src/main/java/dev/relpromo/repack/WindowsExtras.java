package dev.relpromo.repack;

import dev.relpromo.kit.failure.TaskFailureException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.zip.ZipEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.apache.commons.compress.archivers.zip.ZipFile;

/**
 * What a Windows repack makes besides {@code target.zip} (reference §1.5): the win32 stub installer's package
 * {@code target-stub.zip}, and a {@code setup.exe} taken from the sub-config instead of the build.
 */
final class WindowsExtras {
    /** Where the planner puts the stub's template in the sub-config snapshot. */
    static final String STUB_TEMPLATE = "stub/partner.ini";
    private static final long FIXED_TIME = 315532800000L; // 1980-01-01, the earliest DOS time: no clock in the output
    private static final int DIRECTORY_MODE = 040755;
    private static final int DOS_DIRECTORY = 0x10;
    private static final long MAX_SETUP_BYTES = 512L << 20;

    private WindowsExtras() {
    }

    /**
     * Writes {@code target-stub.zip}: {@code partner.ini} from the sub-config's template with {@code %LOCALE%} and
     * {@code %BOUNCER_PRODUCT%} substituted, and an empty {@code firefox/} directory, as {@code partner_repack.py}
     * does; deterministic (sorted entries, fixed times and attributes).
     */
    static Path writeStubZip(Path snapshot, String locale, String bouncerProduct, Path output) throws IOException {
        String template;
        try (ZipFile zip = ZipFile.builder().setPath(snapshot).get()) {
            ZipArchiveEntry entry = zip.getEntry(STUB_TEMPLATE);
            if (entry == null) {
                throw new TaskFailureException("the sub-config snapshot has no " + STUB_TEMPLATE
                        + " for the stub installer (repack_stub_installer=true)");
            }
            try (InputStream in = CountingStreams.exactly(zip.getInputStream(entry), entry.getSize(), STUB_TEMPLATE)) {
                template = new String(in.readNBytes(SubConfig.MAX_INI_BYTES), StandardCharsets.UTF_8);
            }
        }
        byte[] ini = template.replace("%LOCALE%", locale).replace("%BOUNCER_PRODUCT%", bouncerProduct)
                .getBytes(StandardCharsets.UTF_8);
        Files.createDirectories(output.getParent());
        Path partial = output.resolveSibling("." + output.getFileName() + ".partial");
        try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(Files.newOutputStream(partial))) {
            ZipArchiveEntry dir = new ZipArchiveEntry("firefox/");
            dir.setTime(FIXED_TIME);
            dir.setUnixMode(DIRECTORY_MODE);
            dir.setExternalAttributes(((long) DIRECTORY_MODE << 16) | DOS_DIRECTORY);
            zip.putArchiveEntry(dir);
            zip.closeArchiveEntry();
            ZipArchiveEntry file = new ZipArchiveEntry("partner.ini");
            file.setTime(FIXED_TIME);
            file.setUnixMode(0100644);
            file.setMethod(ZipEntry.DEFLATED);
            zip.putArchiveEntry(file);
            zip.write(ini);
            zip.closeArchiveEntry();
        }
        return Files.move(partial, output, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Copies the sub-config's own {@code setup.exe} ({@code replacement_setup_exe}) out of the snapshot. */
    static Path extractSetupExe(Path snapshot, String pathInSnapshot, Path output) throws IOException {
        try (ZipFile zip = ZipFile.builder().setPath(snapshot).get()) {
            ZipArchiveEntry entry = zip.getEntry(pathInSnapshot);
            if (entry == null || entry.isDirectory()) {
                throw new TaskFailureException("the sub-config snapshot has no replacement_setup_exe '"
                        + pathInSnapshot + "'");
            }
            if (entry.getSize() < 0 || entry.getSize() > MAX_SETUP_BYTES) {
                throw new TaskFailureException("replacement_setup_exe '" + pathInSnapshot + "' is "
                        + entry.getSize() + " bytes; at most " + MAX_SETUP_BYTES + " are accepted");
            }
            Files.createDirectories(output.getParent());
            try (InputStream in = CountingStreams.exactly(zip.getInputStream(entry), entry.getSize(), pathInSnapshot);
                 OutputStream out = Files.newOutputStream(output)) {
                in.transferTo(out);
            }
        }
        return output;
    }
}
