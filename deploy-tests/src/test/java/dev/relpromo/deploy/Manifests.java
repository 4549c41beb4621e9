package dev.relpromo.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** The objects `helm template` rendered, parsed from its multi-document YAML, with lookups by kind and name. */
final class Manifests {

    private final List<Map<String, Object>> objects;

    private Manifests(List<Map<String, Object>> objects) {
        this.objects = objects;
    }

    @SuppressWarnings("unchecked")
    static Manifests parse(String yaml) {
        List<Map<String, Object>> objects = new ArrayList<>();
        for (Object document : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(yaml)) {
            if (document == null) {
                continue; // an empty document between separators
            }
            Map<String, Object> object = (Map<String, Object>) document;
            Objects.requireNonNull(object.get("kind"), () -> "rendered object without kind: " + object);
            objects.add(object);
        }
        return new Manifests(objects);
    }

    List<Map<String, Object>> ofKind(String kind) {
        return objects.stream().filter(o -> kind.equals(o.get("kind"))).toList();
    }

    Optional<Map<String, Object>> find(String kind, String name) {
        return ofKind(kind).stream().filter(o -> name.equals(get(o, "metadata.name"))).findFirst();
    }

    Map<String, Object> get(String kind, String name) {
        return find(kind, name).orElseThrow(() -> new AssertionError("no " + kind + " " + name + " among "
                + objects.stream().map(o -> o.get("kind") + "/" + get(o, "metadata.name")).toList()));
    }

    /** The value at a dotted path of maps ("spec.template.spec"), or null. */
    @SuppressWarnings("unchecked")
    static Object get(Map<String, Object> object, String path) {
        Object current = object;
        for (String key : path.split("\\.")) {
            if (!(current instanceof Map)) {
                return null;
            }
            current = ((Map<String, Object>) current).get(key);
        }
        return current;
    }

    /** The map at a dotted path (null if absent). */
    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Map<String, Object> object, String path) {
        return (Map<String, Object>) get(object, path);
    }

    /** The list of maps at a dotted path (null if absent). */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> maps(Map<String, Object> object, String path) {
        return (List<Map<String, Object>>) get(object, path);
    }

    /** The first container of a Deployment's pod. */
    static Map<String, Object> container(Map<String, Object> deployment) {
        return maps(deployment, "spec.template.spec.containers").get(0);
    }

    /** A container's environment variable by name, as rendered (value or valueFrom). */
    static Map<String, Object> env(Map<String, Object> deployment, String name) {
        return envEntry(deployment, name).orElseThrow(() -> new AssertionError(get(deployment, "metadata.name") + " has no env " + name));
    }

    static Optional<Map<String, Object>> envEntry(Map<String, Object> deployment, String name) {
        return maps(container(deployment), "env").stream().filter(e -> name.equals(e.get("name"))).findFirst();
    }

    /** A pod volume by name. */
    static Optional<Map<String, Object>> volume(Map<String, Object> deployment, String name) {
        return maps(deployment, "spec.template.spec.volumes").stream().filter(v -> name.equals(v.get("name"))).findFirst();
    }

    static Optional<Map<String, Object>> volumeMount(Map<String, Object> deployment, String name) {
        return maps(container(deployment), "volumeMounts").stream().filter(v -> name.equals(v.get("name"))).findFirst();
    }
}
