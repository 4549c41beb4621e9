package dev.relpromo.planner;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Builds partner configuration trees as {@code repo sync} leaves them, for tests. */
public final class PartnerTree {
    private final Path dir;
    private final List<String> projects = new ArrayList<>();

    private PartnerTree(Path dir) {
        this.dir = dir;
    }

    public static PartnerTree in(Path dir) {
        return new PartnerTree(dir);
    }

    public Path dir() {
        return dir;
    }

    /** Adds a partner repo at {@code partners/<name>} to the manifest. */
    public PartnerTree partner(String name) {
        projects.add(name);
        return this;
    }

    /** Writes {@code partners/<partner>/desktop/<sub>/repack.cfg} and a distribution.ini. */
    public PartnerTree subConfig(String partner, String sub, String repackCfg) {
        Path subDir = dir.resolve("partners").resolve(partner).resolve("desktop").resolve(sub);
        write(subDir.resolve("repack.cfg"), repackCfg);
        write(subDir.resolve("distribution/distribution.ini"),
                "[Global]\nid=" + partner + "\nversion=1.0\nabout=" + partner + " " + sub + "\n");
        if (!projects.contains(partner)) {
            projects.add(partner);
        }
        return this;
    }

    /** Writes the manifest: the two tool projects, then every partner. */
    public Path writeManifest() {
        StringBuilder xml = new StringBuilder("""
                <?xml version="1.0" ?>
                <manifest>
                  <remote fetch="git@github.com:mozilla-partners/" name="mozilla-partners"/>
                  <remote fetch="git@github.com:mozilla/" name="mozilla"/>
                  <project name="repack-scripts" path="scripts" remote="mozilla-partners" revision="master"/>
                  <project name="build-tools" path="scripts/tools" remote="mozilla" revision="master"/>
                """);
        for (String p : projects) {
            xml.append("  <project name=\"").append(p).append("\" path=\"partners/").append(p)
                    .append("\" remote=\"mozilla-partners\" revision=\"master\"/>\n");
        }
        xml.append("</manifest>\n");
        write(dir.resolve("default.xml"), xml.toString());
        return dir;
    }

    public static Path write(Path file, String content) {
        try {
            Files.createDirectories(file.getParent());
            return Files.writeString(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A repack.cfg enabling the given FTP platforms for the locales. */
    public static String cfg(String locales, String... platforms) {
        StringBuilder s = new StringBuilder("dist_id=\"test\"\ndist_version=\"1.0\"\nlocales=\"" + locales + "\"\n");
        for (String p : platforms) {
            s.append(p).append("=true\n");
        }
        return s.toString();
    }
}
