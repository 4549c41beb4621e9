package dev.relpromo.planner.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ManifestParserTest {
    private static final Path FILE = Path.of("cfg/default.xml");
    private final List<ConfigError> errors = new ArrayList<>();

    private Optional<Manifest> parse(String xml) {
        return ManifestParser.parse(FILE, xml.getBytes(StandardCharsets.UTF_8), errors);
    }

    private List<String> errorsOf(String xml) {
        assertThat(parse(xml)).isEmpty();
        return errors.stream().map(ConfigError::toString).toList();
    }

    @Test
    void parsesTheEmeFreeManifestAndSeparatesTools() {
        Manifest m = parse("""
                <?xml version="1.0" ?>
                <manifest>
                <remote fetch="git@github.com:mozilla-partners/" name="mozilla-partners"/>
                <remote fetch="git@github.com:mozilla/" name="mozilla"/>
                <project name="repack-scripts" path="scripts" remote="mozilla-partners" revision="master"/>
                <project name="build-tools" path="scripts/tools" remote="mozilla" revision="master"/>
                <project name="mozilla-EME-free" path="partners/mozilla-EME-free" remote="mozilla-partners" revision="master"/>
                </manifest>
                """).orElseThrow();
        assertThat(errors).isEmpty();
        assertThat(m.remotes()).containsOnlyKeys("mozilla-partners", "mozilla");
        assertThat(m.projects()).hasSize(3);
        assertThat(m.partnerProjects()).singleElement().satisfies(p -> {
            assertThat(p.partnerName()).isEqualTo("mozilla-EME-free");
            assertThat(p.path()).isEqualTo("partners/mozilla-EME-free");
            assertThat(p.line()).isEqualTo(7);
        });
    }

    @Test
    void appliesDefaultRemoteAndRevision() {
        Manifest m = parse("""
                <manifest>
                  <remote fetch="git@example.com:p/" name="p"/>
                  <default remote="p" revision="main"/>
                  <project name="acme" path="partners/acme"/>
                </manifest>
                """).orElseThrow();
        assertThat(m.projects().get(0).remote()).isEqualTo("p");
        assertThat(m.projects().get(0).revision()).isEqualTo("main");
    }

    @Test
    void reportsUnknownRemoteMissingAttributesAndDuplicatePathsWithLines() {
        assertThat(errorsOf("""
                <manifest>
                  <remote fetch="git@example.com:p/" name="p"/>
                  <project name="acme" path="partners/acme" remote="nope" revision="master"/>
                  <project name="globex" remote="p" revision="master"/>
                  <project name="acme2" path="partners/acme" remote="p" revision="master"/>
                  <remote name="q"/>
                </manifest>
                """)).containsExactly(
                FILE + ":3: project 'acme' refers to unknown remote 'nope'",
                FILE + ":4: <project> is missing attribute 'path'",
                FILE + ":5: duplicate project path 'partners/acme' (first declared on line 3)",
                FILE + ":6: <remote> is missing attribute 'fetch'");
    }

    @Test
    void refusesUnsupportedElementsAndAttributes() {
        assertThat(errorsOf("""
                <manifest>
                  <remote fetch="f" name="p"/>
                  <include name="other.xml"/>
                  <project name="acme" path="partners/acme" remote="p" revision="master" groups="x">
                    <copyfile src="a" dest="b"/>
                  </project>
                </manifest>
                """)).containsExactly(
                FILE + ":3: unsupported element <include>",
                FILE + ":4: unsupported attribute 'groups' on <project>",
                FILE + ":5: unsupported element <copyfile> nested in a manifest entry");
    }

    @Test
    void reportsXmlErrorsWithTheirLine() {
        List<String> messages = errorsOf("<manifest>\n  <remote name=\"p\" fetch=\"f\">\n</manifest>\n");
        assertThat(messages).singleElement().asString().startsWith(FILE + ":3: invalid XML: ");
    }

    @Test
    void refusesAnotherRootElement() {
        assertThat(errorsOf("<?xml version=\"1.0\"?>\n<project/>\n"))
                .containsExactly(FILE + ":2: root element must be <manifest>, not <project>");
    }
}
