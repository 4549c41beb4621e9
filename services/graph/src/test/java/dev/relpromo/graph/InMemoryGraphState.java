package dev.relpromo.graph;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.relpromo.events.codec.EventCodec;
import java.io.UncheckedIOException;
import java.util.TreeMap;

/**
 * The graph's stores as maps of JSON, written and read with the stores' mapper: like the state stores, every read
 * returns a fresh copy, so a change the rules do not write back is lost here too.
 */
final class InMemoryGraphState implements GraphState {
    private final TreeMap<String, String> tasks = new TreeMap<>();
    private final TreeMap<String, String> phases = new TreeMap<>();

    @Override
    public TaskNode task(String taskId) {
        return read(tasks.get(taskId), TaskNode.class);
    }

    @Override
    public PhaseState phase(String key) {
        return read(phases.get(key), PhaseState.class);
    }

    @Override
    public void putTask(String taskId, TaskNode node) {
        tasks.put(taskId, write(node));
    }

    @Override
    public void putPhase(String key, PhaseState phase) {
        phases.put(key, write(phase));
    }

    /** Everything stored, to show that an input changed nothing. */
    String snapshot() {
        return tasks + "\n" + phases;
    }

    private static String write(Object value) {
        try {
            return EventCodec.mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static <T> T read(String json, Class<T> type) {
        try {
            return json == null ? null : EventCodec.mapper().readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
