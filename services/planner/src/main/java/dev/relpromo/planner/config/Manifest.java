package dev.relpromo.planner.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** A {@code repo} manifest ({@code default.xml}): remotes and the projects (repos) to check out. */
public record Manifest(Path file, Map<String, Remote> remotes, List<Project> projects) {

    public Manifest {
        remotes = Map.copyOf(remotes);
        projects = List.copyOf(projects);
    }

    public record Remote(String name, String fetch, int line) {
    }

    /** A repo checked out at {@code path}; {@code line} is where the manifest declares it. */
    public record Project(String name, String path, String remote, String revision, int line) {

        /** {@code repack-scripts} at {@code scripts} and {@code build-tools} at {@code scripts/tools} are tools. */
        public boolean isTool() {
            return path.contains("scripts");
        }

        /** The partner name: the last component of the checkout path ({@code partners/acme} → {@code acme}). */
        public String partnerName() {
            return path.substring(path.lastIndexOf('/') + 1);
        }
    }

    /** The projects that are partner repos (tools excluded), in manifest order. */
    public List<Project> partnerProjects() {
        return projects.stream().filter(p -> !p.isTool()).toList();
    }
}
