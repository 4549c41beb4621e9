package dev.relpromo.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The chart under test and how the tests render it. */
final class Chart {

    static final Path PATH = Reactor.path("helm/relpromo");
    static final String RELEASE = "rp";
    static final String NAMESPACE = "promo";

    private Chart() {
    }

    /** The name the chart gives a component's objects: release "rp" gives "rp-relpromo-NAME". */
    static String objectName(String component) {
        return RELEASE + "-relpromo-" + component;
    }

    static Manifests render() {
        return Manifests.parse(HelmRun.template(PATH, null));
    }

    /** Renders with a values file written from this YAML text, on top of the chart's values.yaml. */
    static Manifests render(Path dir, String valuesYaml) {
        return Manifests.parse(HelmRun.template(PATH, writeValues(dir, valuesYaml)));
    }

    static Path writeValues(Path dir, String valuesYaml) {
        try {
            return Files.writeString(Files.createTempFile(dir, "values", ".yaml"), valuesYaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
