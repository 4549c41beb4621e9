package dev.relpromo.repackage.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.relpromo.events.Platform;
import dev.relpromo.events.kinds.Kinds;
import dev.relpromo.kit.app.RelpromoService;
import dev.relpromo.kit.app.ServiceContext;
import dev.relpromo.kit.app.Settings;
import dev.relpromo.kit.pe.MinimalPe;
import dev.relpromo.kit.work.TaskHandler;
import dev.relpromo.repackage.AttributionHandler;
import dev.relpromo.repackage.RepackageHandler;
import dev.relpromo.repackage.windows.SevenZipSettings;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The worker's wiring: discovery, one handler per kind, and settings checked at start-up. */
class RepackageAppTest {
    @TempDir
    Path dir;

    private static Settings settings(Map<String, String> values) {
        return new Settings("repackage", values, key -> Optional.empty(), name -> null);
    }

    @Test
    void theLauncherFindsTheServiceByName() {
        assertThat(ServiceLoader.load(RelpromoService.class).stream().map(ServiceLoader.Provider::get)
                .filter(s -> s instanceof RepackageApp)).singleElement()
                .extracting(RelpromoService::name).isEqualTo("repackage");
    }

    @Test
    void handlesTheCataloguesRepackageKindsWithOneHandlerEach() throws Exception {
        Map<String, TaskHandler> handlers = new RepackageApp().handlers(
                new ServiceContext(null, null, dir, null, null, settings(Map.of())));

        assertThat(handlers.keySet()).containsExactlyInAnyOrder(Kinds.PARTNER_REPACKAGE.name(),
                Kinds.EME_FREE_REPACKAGE.name(), Kinds.PARTNER_ATTRIBUTION.name());
        assertThat(handlers.get(Kinds.PARTNER_REPACKAGE.name())).isInstanceOf(RepackageHandler.class)
                .isSameAs(handlers.get(Kinds.EME_FREE_REPACKAGE.name()));
        assertThat(handlers.get(Kinds.PARTNER_ATTRIBUTION.name())).isInstanceOf(AttributionHandler.class);
    }

    @Test
    void withoutStubSettingsEveryWindowsPlatformGetsItsStandIn() {
        RepackageSettings defaults = RepackageSettings.from(settings(Map.of()));

        for (Platform p : new Platform[] {Platform.WIN32, Platform.WIN64, Platform.WIN64_AARCH64}) {
            assertThat(defaults.sfxStubs().forPlatform(p).isStandIn()).as(p.ftpPlatform()).isTrue();
        }
        assertThat(defaults.sevenZip()).isEqualTo(SevenZipSettings.DEFAULT);
    }

    @Test
    void aPlatformsOwnStubWinsOverTheOneForAllPlatforms() throws IOException {
        byte[] all = MinimalPe.image(MinimalPe.Machine.I386, "7zSD.Win32.sfx");
        byte[] arm = MinimalPe.image(MinimalPe.Machine.ARM64, "7zSD.ARM64.sfx");
        Path allFile = Files.write(dir.resolve("7zSD.Win32.sfx"), all);
        Path armFile = Files.write(dir.resolve("7zSD.ARM64.sfx"), arm);

        RepackageSettings configured = RepackageSettings.from(settings(Map.of(
                "sfx-stub", allFile.toString(), "sfx-stub.win64-aarch64", armFile.toString())));

        assertThat(configured.sfxStubs().forPlatform(Platform.WIN32).bytes()).isEqualTo(all);
        assertThat(configured.sfxStubs().forPlatform(Platform.WIN64).bytes()).isEqualTo(all);
        assertThat(configured.sfxStubs().forPlatform(Platform.WIN64_AARCH64).bytes()).isEqualTo(arm);
        assertThat(configured.sfxStubs().forPlatform(Platform.WIN64_AARCH64).isStandIn()).isFalse();
    }

    @Test
    void aStubThatCannotBeUsedStopsStartUpNamingTheSetting() throws IOException {
        Path missing = dir.resolve("missing.sfx");
        Path text = Files.writeString(dir.resolve("readme.txt"), "not an executable");
        ServiceContext missingStub = new ServiceContext(null, null, dir, null, null,
                settings(Map.of("sfx-stub.win64", missing.toString())));

        assertThatThrownBy(() -> new RepackageApp().handlers(missingStub))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("setting sfx-stub.win64 (relpromo.repackage.sfx-stub.win64,"
                        + " RELPROMO_REPACKAGE_SFX_STUB_WIN64) names the SFX stub " + missing + ", which cannot be"
                        + " used: NoSuchFileException " + missing);
        assertThatThrownBy(() -> RepackageSettings.from(settings(Map.of("sfx-stub", text.toString()))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("setting sfx-stub (relpromo.repackage.sfx-stub, RELPROMO_REPACKAGE_SFX_STUB) names the"
                        + " SFX stub " + text + ", which cannot be used: the SFX stub " + text + " is not a Windows"
                        + " executable (no MZ header)");
    }

    @Test
    void theDictionaryComesInMibWithinWhatTheEncoderAccepts() {
        assertThat(RepackageSettings.from(settings(Map.of("seven-zip-dictionary-mib", "32"))).sevenZip())
                .isEqualTo(SevenZipSettings.DEFAULT.withDictionarySize(32 << 20));
        assertThatThrownBy(() -> RepackageSettings.from(settings(Map.of("seven-zip-dictionary-mib", "512"))))
                .hasMessage("setting seven-zip-dictionary-mib (relpromo.repackage.seven-zip-dictionary-mib,"
                        + " RELPROMO_REPACKAGE_SEVEN_ZIP_DICTIONARY_MIB) must be at most 256 (MiB), not 512");
        assertThatThrownBy(() -> RepackageSettings.from(settings(Map.of("seven-zip-dictionary-mib", "0"))))
                .hasMessage("setting seven-zip-dictionary-mib must be a whole number of at least 1, not '0'");
    }

    @Test
    void theConfigurationFileDefaultsAreTheCodesDefaults() throws IOException {
        String yml;
        try (InputStream in = getClass().getResourceAsStream("/application-repackage.yml")) {
            yml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(yml).contains("\n    seven-zip-dictionary-mib: " + (SevenZipSettings.DEFAULT_DICTIONARY_SIZE >> 20)
                        + "\n", "\n    concurrency: ${RELPROMO_CONCURRENCY:1}\n")
                .doesNotContainPattern("(?m)^\\s+sfx-stub"); // unset: only the commented examples
    }
}
