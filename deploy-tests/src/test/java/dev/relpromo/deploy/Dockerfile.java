package dev.relpromo.deploy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Just enough of a Dockerfile parser to check the build targets: stages, their instructions after line
 * continuations and comments, and what a stage inherits from the stage it is built FROM.
 */
final class Dockerfile {

    record Instruction(String keyword, String arguments, int line) {
    }

    record Stage(String name, String from, List<Instruction> instructions) {
    }

    private final Map<String, Stage> stages;

    private Dockerfile(Map<String, Stage> stages) {
        this.stages = stages;
    }

    static Dockerfile parse(String text) {
        Map<String, Stage> stages = new LinkedHashMap<>();
        Stage current = null;
        StringBuilder pending = new StringBuilder();
        int startLine = 0;
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].stripTrailing();
            if (line.stripLeading().startsWith("#")) {
                continue; // comments, also inside a continued instruction; parser directives are comments here
            }
            if (pending.length() == 0) {
                if (line.isBlank()) {
                    continue;
                }
                startLine = i + 1;
            }
            if (line.endsWith("\\")) {
                pending.append(line, 0, line.length() - 1).append(' ');
                continue;
            }
            pending.append(line);
            String[] parts = pending.toString().strip().split("\\s+", 2);
            pending.setLength(0);
            Instruction instruction = new Instruction(parts[0].toUpperCase(Locale.ROOT), parts.length > 1 ? parts[1].strip() : "", startLine);
            if (instruction.keyword().equals("FROM")) {
                String[] from = instruction.arguments().split("\\s+");
                String name = from.length == 3 && from[1].equalsIgnoreCase("AS") ? from[2] : "stage" + stages.size();
                current = new Stage(name, from[0], new ArrayList<>());
                if (stages.putIfAbsent(name, current) != null) {
                    throw new IllegalArgumentException("Dockerfile line " + startLine + ": stage " + name + " defined twice");
                }
            } else if (current == null) {
                throw new IllegalArgumentException("Dockerfile line " + startLine + ": " + instruction.keyword() + " before the first FROM");
            } else {
                current.instructions().add(instruction);
            }
        }
        return new Dockerfile(stages);
    }

    Map<String, Stage> stages() {
        return stages;
    }

    Optional<Stage> stage(String name) {
        return Optional.ofNullable(stages.get(name));
    }

    /** The base image a target finally builds on (following FROM other-stage). */
    String baseImage(String target) {
        Stage stage = require(target);
        return stages.containsKey(stage.from()) ? baseImage(stage.from()) : stage.from();
    }

    /** The last instruction with this keyword that a target has, itself or through the stages it builds FROM. */
    Optional<Instruction> effective(String target, String keyword) {
        Stage stage = require(target);
        for (int i = stage.instructions().size() - 1; i >= 0; i--) {
            if (stage.instructions().get(i).keyword().equals(keyword)) {
                return Optional.of(stage.instructions().get(i));
            }
        }
        return stages.containsKey(stage.from()) ? effective(stage.from(), keyword) : Optional.empty();
    }

    /** Every instruction with this keyword along a target's chain of stages, base first. */
    List<Instruction> all(String target, String keyword) {
        Stage stage = require(target);
        List<Instruction> found = stages.containsKey(stage.from()) ? all(stage.from(), keyword) : new ArrayList<>();
        stage.instructions().stream().filter(i -> i.keyword().equals(keyword)).forEach(found::add);
        return found;
    }

    /** The exec (JSON array) form of an ENTRYPOINT or CMD; the shell form is an error, as it breaks signals. */
    static List<String> execForm(Instruction instruction) {
        String args = instruction.arguments();
        if (!args.startsWith("[")) {
            throw new IllegalArgumentException("Dockerfile line " + instruction.line() + ": " + instruction.keyword()
                    + " is in shell form, want the exec form [\"...\"]: " + args);
        }
        List<String> argv = new Yaml(new SafeConstructor(new LoaderOptions())).load(args);
        return List.copyOf(argv);
    }

    private Stage require(String name) {
        Stage stage = stages.get(name);
        if (stage == null) {
            throw new IllegalArgumentException("Dockerfile has no stage " + name + "; stages: " + stages.keySet());
        }
        return stage;
    }
}
