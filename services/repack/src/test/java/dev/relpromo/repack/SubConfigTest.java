package dev.relpromo.repack;

import static dev.relpromo.repack.TestArchives.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.relpromo.kit.failure.TaskFailureException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SubConfigTest {
    @TempDir
    Path dir;

    private static String customise(String ini, Customisation c) {
        return new String(DistributionIni.customise(ini.getBytes(StandardCharsets.ISO_8859_1), c), StandardCharsets.ISO_8859_1);
    }

    @Test
    void aBuildLocaleLeavesTheIniAlone() {
        assertThat(customise("[Global]\nid=x\n", Customisation.forLocale("de"))).isEqualTo("[Global]\nid=x\n");
    }

    @Test
    void aCustomLocaleAppendsALocaleSection() {
        assertThat(customise("[Global]\nid=x\n", new Customisation("en-HK", "en-GB", false)))
                .isEqualTo("[Global]\nid=x\n[Locale]\nlocale=en-HK\n");
    }

    @Test
    void disabledMigrationWizardAppendsXreUnlessAlreadyThere() {
        Customisation disabled = new Customisation("de", "de", true);
        assertThat(customise("[Global]\nid=x\n", disabled)).isEqualTo("[Global]\nid=x\n[XRE]\nEnableProfileMigrator=0\n");
        assertThat(customise("[XRE]\nEnableProfileMigrator=0\n", disabled)).isEqualTo("[XRE]\nEnableProfileMigrator=0\n");
    }

    @Test
    void aMissingFinalNewlineDoesNotGlueTheSectionOntoTheLastLine() {
        assertThat(customise("[Global]\nid=x", new Customisation("de", "de", true)))
                .isEqualTo("[Global]\nid=x\n[XRE]\nEnableProfileMigrator=0\n");
    }

    @Test
    void nonUtf8BytesSurvive() {
        byte[] latin1 = {'a', '=', (byte) 0xE9, '\n'};
        assertThat(DistributionIni.customise(latin1, new Customisation("fr-CA", "fr", false)))
                .startsWith(latin1);
    }

    @Test
    void onlyDistributionAndExtensionsAreInsertedSortedWithTheEditedIni() throws Exception {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("repack.cfg", utf8("locales=en-HK\n"));
        files.put("extensions/b.xpi", utf8("b"));
        files.put("distribution/", new byte[0]);
        files.put("distribution/distribution.ini", utf8("[Global]\n"));
        files.put("stub/partner.ini", utf8("not copied"));
        files.put("distribution", utf8("a top-level file named like the tree, not below it"));
        Path snapshot = TestArchives.subConfig(dir.resolve("cfg.zip"), files);

        try (SubConfig config = SubConfig.open(snapshot, new Customisation("en-HK", "en-GB", true))) {
            assertThat(config.files()).extracting(InsertedFile::path)
                    .containsExactly("distribution/distribution.ini", "extensions/b.xpi");
            InsertedFile ini = config.files().get(0);
            try (InputStream in = ini.content().open()) {
                assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8))
                        .isEqualTo("[Global]\n[Locale]\nlocale=en-HK\n[XRE]\nEnableProfileMigrator=0\n");
            }
            assertThat(ini.size()).isEqualTo("[Global]\n[Locale]\nlocale=en-HK\n[XRE]\nEnableProfileMigrator=0\n".length());
        }
    }

    @Test
    void aSubConfigWithoutDistributionIniFails() throws Exception {
        Path snapshot = TestArchives.subConfig(dir.resolve("cfg.zip"),
                Map.of("repack.cfg", utf8("x=y\n"), "distribution/other.ini", utf8("")));
        assertThatThrownBy(() -> SubConfig.open(snapshot, Customisation.forLocale("de")))
                .isInstanceOf(TaskFailureException.class)
                .hasMessageContaining("distribution/distribution.ini");
    }
}
