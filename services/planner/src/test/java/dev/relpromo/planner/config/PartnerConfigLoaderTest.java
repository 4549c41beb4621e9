package dev.relpromo.planner.config;

import static dev.relpromo.planner.PartnerTree.cfg;
import static dev.relpromo.planner.PartnerTree.write;
import static org.assertj.core.api.Assertions.assertThat;

import dev.relpromo.events.Platform;
import dev.relpromo.planner.PartnerTree;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PartnerConfigLoaderTest {
    @TempDir
    Path dir;

    private PartnerTree twoPartners(Path root) {
        return PartnerTree.in(root)
                .subConfig("acme", "acme-1", cfg("de en-US", "linux-x86_64", "win64"))
                .subConfig("acme", "acme-2", cfg("fr", "mac"))
                .subConfig("mozilla-EME-free", "mozilla-EME-free", cfg("de en-US", "mac", "win32", "win64"));
    }

    private static PartnerConfigException loadFails(Path root) {
        try {
            PartnerConfigLoader.load(root);
        } catch (PartnerConfigException e) {
            return e;
        }
        throw new AssertionError("expected a PartnerConfigException");
    }

    @Test
    void loadsPartnersSubConfigsAndPaths() {
        twoPartners(dir).writeManifest();
        write(dir.resolve("partners/acme/desktop/acme-1/extensions/x@acme.xpi"), "xpi");
        write(dir.resolve("partners/acme/desktop/acme-1/notes.txt"), "not snapshotted");
        write(dir.resolve("partners/acme/desktop/README"), "not a sub-config");

        PartnerConfig config = PartnerConfigLoader.load(dir);

        assertThat(config.partners()).extracting(Partner::name).containsExactly("acme", "mozilla-EME-free");
        assertThat(config.partner("acme").orElseThrow().repackPath()).isEqualTo(RepackPath.PARTNER);
        assertThat(config.subConfigs(RepackPath.PARTNER)).extracting(SubConfig::id)
                .containsExactly("acme/acme-1", "acme/acme-2");
        assertThat(config.subConfigs(RepackPath.EME_FREE)).extracting(SubConfig::id)
                .containsExactly("mozilla-EME-free/mozilla-EME-free");
        SubConfig acme1 = config.subConfigs(RepackPath.PARTNER).get(0);
        assertThat(acme1.files()).containsOnlyKeys(
                "distribution/distribution.ini", "extensions/x@acme.xpi", "repack.cfg");
        assertThat(acme1.repackConfig().platforms()).containsExactlyInAnyOrder(Platform.LINUX64, Platform.WIN64);
        assertThat(config.configHash()).matches("sha256:[0-9a-f]{64}");
    }

    @Test
    void identicalTreesHashIdenticallyAndAnyChangeChangesTheHash(@TempDir Path other) {
        twoPartners(dir).writeManifest();
        twoPartners(other).writeManifest();
        String hash = PartnerConfigLoader.load(dir).configHash();
        assertThat(PartnerConfigLoader.load(other).configHash()).isEqualTo(hash);

        write(other.resolve("partners/acme/desktop/acme-2/distribution/distribution.ini"), "[Global]\nid=changed\n");
        assertThat(PartnerConfigLoader.load(other).configHash()).isNotEqualTo(hash);
    }

    @Test
    void requiresDistributionIni() throws Exception {
        twoPartners(dir).writeManifest();
        Path sub = dir.resolve("partners/acme/desktop/acme-2");
        Files.delete(sub.resolve("distribution/distribution.ini"));

        assertThat(loadFails(dir).errors())
                .containsExactly(new ConfigError(sub, 0, "sub-config has no distribution/distribution.ini"));
    }

    @Test
    void refusesUnsafeSubConfigNames() {
        twoPartners(dir).subConfig("acme", "bad%name", cfg("de", "win64")).writeManifest();
        Path sub = dir.resolve("partners/acme/desktop/bad%name");

        assertThat(loadFails(dir).getMessage())
                .isEqualTo(sub + ": unsafe sub-config name 'bad%name': must match [A-Za-z0-9][A-Za-z0-9._-]*");
    }

    @Test
    void refusesUnsafePartnerPathsAndMissingProjectsAtTheManifestLine() {
        twoPartners(dir).writeManifest();
        Path manifest = dir.resolve("default.xml");
        write(manifest, """
                <manifest>
                  <remote fetch="f" name="p"/>
                  <project name="acme" path="partners/acme" remote="p" revision="master"/>
                  <project name="evil" path="partners/../../etc" remote="p" revision="master"/>
                  <project name="globex" path="partners/globex" remote="p" revision="master"/>
                </manifest>
                """);

        assertThat(loadFails(dir).errors()).containsExactly(
                new ConfigError(manifest, 4, "unsafe project path 'partners/../../etc':"
                        + " every component must match [A-Za-z0-9][A-Za-z0-9._-]*"),
                new ConfigError(manifest, 5, "project directory 'partners/globex' of partner 'globex' does not exist in "
                        + dir));
    }

    @Test
    void collectsErrorsAcrossTheWholeTree() {
        twoPartners(dir)
                .subConfig("globex", "globex-1", "locales=de\nfoo=bar\n")
                .subConfig("globex", "globex-2", "locales=de\nmac=maybe\n")
                .writeManifest();
        Path g1 = dir.resolve("partners/globex/desktop/globex-1/repack.cfg");
        Path g2 = dir.resolve("partners/globex/desktop/globex-2/repack.cfg");

        PartnerConfigException e = loadFails(dir);

        assertThat(e.getMessage()).isEqualTo(g1 + ":2: unknown key 'foo'\n" + g2 + ":2: mac must be true or false, not 'maybe'");
    }

    @Test
    void emeFreeHasNoLinux() {
        PartnerTree.in(dir)
                .subConfig("mozilla-EME-free", "mozilla-EME-free", cfg("de", "mac", "linux-x86_64"))
                .writeManifest();
        Path file = dir.resolve("partners/mozilla-EME-free/desktop/mozilla-EME-free/repack.cfg");

        assertThat(loadFails(dir).errors()).containsExactly(new ConfigError(file, 5,
                "EME-free repacks have no Linux builds: linux-x86_64 must be false"));
    }

    @Test
    void requiresTheManifestAndSubConfigs() {
        assertThat(loadFails(dir).errors()).containsExactly(new ConfigError(dir.resolve("default.xml"), 0, "file not found"));

        PartnerTree.in(dir).partner("empty").writeManifest();
        write(dir.resolve("partners/empty/desktop/README"), "nothing");
        assertThat(loadFails(dir).errors()).containsExactly(new ConfigError(dir.resolve("partners/empty/desktop"), 0,
                "no sub-configs (expected desktop/<sub>/repack.cfg)"));
    }

    @Test
    void refusesSymbolicLinks() throws Exception {
        twoPartners(dir).writeManifest();
        Path secret = write(dir.resolve("secret.txt"), "secret");
        Path link = dir.resolve("partners/acme/desktop/acme-1/distribution/leak.txt");
        Files.createSymbolicLink(link, secret);

        assertThat(loadFails(dir).errors()).containsExactly(
                new ConfigError(link, 0, "symbolic links are not allowed in a partner configuration"));
    }

    @Test
    void emeFreeFromItsOwnManifestTakesTheEmeFreePathWhateverTheRepoIsCalled(@TempDir Path emeFree) {
        PartnerTree.in(dir).subConfig("acme", "acme-1", cfg("de", "win64")).writeManifest();
        PartnerTree.in(emeFree).subConfig("mozilla-EME-free", "mozilla-EME-free", cfg("de en-US", "mac", "win64"))
                .subConfig("eme-extra", "eme-extra-1", cfg("fr", "win32")).writeManifest();

        PartnerConfig config = PartnerConfigLoader.load(dir, emeFree);

        assertThat(config.subConfigs(RepackPath.PARTNER)).extracting(SubConfig::id).containsExactly("acme/acme-1");
        assertThat(config.subConfigs(RepackPath.EME_FREE)).extracting(SubConfig::id)
                .containsExactly("mozilla-EME-free/mozilla-EME-free", "eme-extra/eme-extra-1");
        assertThat(config.configHash()).matches("sha256:[0-9a-f]{64}")
                .isNotEqualTo(PartnerConfigLoader.load(dir).configHash());
    }

    @Test
    void emeFreeInBothConfigurationsIsAnErrorNamingTheManifestLine(@TempDir Path emeFree) {
        twoPartners(dir).writeManifest();
        PartnerTree.in(emeFree).subConfig("mozilla-EME-free", "mozilla-EME-free", cfg("de", "mac")).writeManifest();
        try {
            PartnerConfigLoader.load(dir, emeFree);
            throw new AssertionError("expected a PartnerConfigException");
        } catch (PartnerConfigException e) {
            assertThat(e.getMessage()).contains(dir.resolve("default.xml") + ":")
                    .contains("partner 'mozilla-EME-free' is EME-free, but EME-free comes from its own configuration "
                            + emeFree);
        }
    }

    @Test
    void aPartnerNamedInBothConfigurationsIsAnError(@TempDir Path emeFree) {
        PartnerTree.in(dir).subConfig("acme", "acme-1", cfg("de", "win64")).writeManifest();
        PartnerTree.in(emeFree).subConfig("acme", "acme-1", cfg("de", "mac")).writeManifest();
        try {
            PartnerConfigLoader.load(dir, emeFree);
            throw new AssertionError("expected a PartnerConfigException");
        } catch (PartnerConfigException e) {
            assertThat(e.getMessage()).contains(emeFree.resolve("default.xml") + ":")
                    .contains("partner 'acme' is also a partner repack in " + dir.resolve("default.xml"));
        }
    }
}
