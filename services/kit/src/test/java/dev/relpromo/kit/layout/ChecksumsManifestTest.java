package dev.relpromo.kit.layout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.relpromo.kit.store.Digests;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChecksumsManifestTest {
    // the well-known digests of "abc" and of the empty string
    static final String ABC_SHA512 = "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a"
            + "2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f";
    static final String ABC_SHA256 = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
    static final String EMPTY_SHA512 = "cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce"
            + "47d0d13c5d85f2b0ff8318d2877eec2f63b931bd47417a81a538327af927da3e";
    static final String EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    @Test
    void theConstantsAreTheRealDigests() throws Exception {
        assertThat(Digests.hash(new ByteArrayInputStream("abc".getBytes(StandardCharsets.US_ASCII))))
                .isEqualTo(new Digests.Hashed(3, ABC_SHA512, ABC_SHA256));
        assertThat(Digests.hash(new ByteArrayInputStream(new byte[0])))
                .isEqualTo(new Digests.Hashed(0, EMPTY_SHA512, EMPTY_SHA256));
    }

    @Test
    void oneLinePerFileAndDigestSortedByPathWithoutTrailingNewline() {
        String dir = "partner-repacks/acme/acme-1/v1/linux-x86_64/de/";
        String manifest = ChecksumsManifest.render(List.of(
                new ChecksumsManifest.Entry(dir + "firefox-130.0.tar.xz.asc", 0, EMPTY_SHA512, EMPTY_SHA256),
                new ChecksumsManifest.Entry(dir + "firefox-130.0.tar.xz", 3, ABC_SHA512, ABC_SHA256)));

        assertThat(manifest).isEqualTo(
                ABC_SHA512 + " sha512 3 partner-repacks/acme/acme-1/v1/linux-x86_64/de/firefox-130.0.tar.xz\n"
                + ABC_SHA256 + " sha256 3 partner-repacks/acme/acme-1/v1/linux-x86_64/de/firefox-130.0.tar.xz\n"
                + EMPTY_SHA512 + " sha512 0 partner-repacks/acme/acme-1/v1/linux-x86_64/de/firefox-130.0.tar.xz.asc\n"
                + EMPTY_SHA256 + " sha256 0 partner-repacks/acme/acme-1/v1/linux-x86_64/de/firefox-130.0.tar.xz.asc");
    }

    @Test
    void pathsWithSpacesAreWrittenAsIs() {
        String manifest = ChecksumsManifest.render(List.of(
                new ChecksumsManifest.Entry("win32-EME-free/de/Firefox Setup 130.0.exe.asc", 0, EMPTY_SHA512, EMPTY_SHA256),
                new ChecksumsManifest.Entry("win32-EME-free/de/Firefox Setup 130.0.exe", 3, ABC_SHA512, ABC_SHA256),
                new ChecksumsManifest.Entry("win32-EME-free/de/Firefox Installer.exe", 3, ABC_SHA512, ABC_SHA256)));

        assertThat(manifest.split("\n", -1)).extracting(line -> line.substring(line.indexOf(' ') + 1)).containsExactly(
                "sha512 3 win32-EME-free/de/Firefox Installer.exe",
                "sha256 3 win32-EME-free/de/Firefox Installer.exe",
                "sha512 3 win32-EME-free/de/Firefox Setup 130.0.exe",
                "sha256 3 win32-EME-free/de/Firefox Setup 130.0.exe",
                "sha512 0 win32-EME-free/de/Firefox Setup 130.0.exe.asc",
                "sha256 0 win32-EME-free/de/Firefox Setup 130.0.exe.asc");
    }

    @Test
    void conflictingEntriesForOnePathAreABug() {
        assertThatThrownBy(() -> ChecksumsManifest.render(List.of(
                new ChecksumsManifest.Entry("mac-EME-free/de/Firefox 130.0.dmg", 3, ABC_SHA512, ABC_SHA256),
                new ChecksumsManifest.Entry("mac-EME-free/de/Firefox 130.0.dmg", 0, EMPTY_SHA512, EMPTY_SHA256))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(ChecksumsManifest.render(List.of())).isEmpty();
    }

    @Test
    void parsingReadsBackWhatWasRenderedKeepingSpacesInPaths() {
        List<ChecksumsManifest.Entry> entries = List.of(
                new ChecksumsManifest.Entry("win32-EME-free/de/Firefox Setup 130.0.exe", 3, ABC_SHA512, ABC_SHA256));
        assertThat(ChecksumsManifest.parse(ChecksumsManifest.render(entries), "k")).containsExactly(
                new ChecksumsManifest.Line(ABC_SHA512, "sha512", 3, "win32-EME-free/de/Firefox Setup 130.0.exe"),
                new ChecksumsManifest.Line(ABC_SHA256, "sha256", 3, "win32-EME-free/de/Firefox Setup 130.0.exe"));
    }

    @Test
    void aBadLineIsNamedByItsSourceAndNumber() {
        assertThatThrownBy(() -> ChecksumsManifest.parse(ABC_SHA512 + " sha512 3 a/b\n" + ABC_SHA256 + " sha256 x a/b",
                "releng/beetmover/m")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("releng/beetmover/m line 2");
        assertThatThrownBy(() -> ChecksumsManifest.parse("abc sha512 3", "m")).hasMessageContaining("m line 1");
    }
}
