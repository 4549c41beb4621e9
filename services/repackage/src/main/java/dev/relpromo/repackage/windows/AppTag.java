package dev.relpromo.repackage.windows;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The 7-Zip SFX configuration block that sits between the stub and the archive: the stub finds it by its
 * {@code ;!@Install@!UTF-8!} marker, shows {@link #title} and runs {@link #runProgram} from the extracted root.
 * The program it names is also the name the setup executable gets inside the archive, so the two cannot disagree.
 *
 * @param title      the window title, for example {@code Firefox}
 * @param runProgram the executable at the archive root that the stub starts after extracting
 */
public record AppTag(String title, String runProgram) {
    /** {@code RunProgram} of the full installer ({@code app.tag}). */
    public static final String SETUP = "setup.exe";
    /** {@code RunProgram} of the win32 stub installer ({@code stub.tag}). */
    public static final String SETUP_STUB = "setup-stub.exe";

    public AppTag {
        requireValue("title", title);
        requireValue("runProgram", runProgram);
        if (runProgram.contains("/") || runProgram.contains("\\") || !runProgram.toLowerCase(Locale.ROOT).endsWith(".exe")) {
            throw new IllegalArgumentException("runProgram must be an .exe file name at the archive root, not '"
                    + runProgram + "'");
        }
    }

    /** The full installer's tag ({@code app.tag}): runs {@value #SETUP}. */
    public static AppTag installer(String title) {
        return new AppTag(title, SETUP);
    }

    /** The stub installer's tag ({@code stub.tag}): runs {@value #SETUP_STUB}. */
    public static AppTag stub(String title) {
        return new AppTag(title, SETUP_STUB);
    }

    /** The block as the stub reads it; LF line ends (the SFX parser accepts LF and CRLF alike). */
    public String text() {
        return ";!@Install@!UTF-8!\n"
                + "Title=\"" + title + "\"\n"
                + "RunProgram=\"" + runProgram + "\"\n"
                + ";!@InstallEnd@!\n";
    }

    /** {@link #text()} in UTF-8, the encoding the marker declares. */
    public byte[] bytes() {
        return text().getBytes(StandardCharsets.UTF_8);
    }

    private static void requireValue(String what, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(what + " must not be empty");
        }
        // a quote would end the value early and a line break would start a new key: the tag has no escapes
        if (value.chars().anyMatch(c -> c == '"' || Character.isISOControl(c))) {
            throw new IllegalArgumentException(what + " must not contain quotes or control characters: '"
                    + value.replaceAll("\\p{Cntrl}", "?") + "'");
        }
    }
}
