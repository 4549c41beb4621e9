package dev.relpromo.kit.health;

/**
 * How one component of a process is doing, for {@code /health} and for {@code relpromo up}'s console.
 *
 * @param component the component's name ({@code planner}, {@code repack}, {@code graph}, ...)
 * @param detail    what it is doing or why it is down (never secrets: these texts are served over HTTP)
 */
public record Health(String component, Status status, String detail) {

    public enum Status {
        /** working, or idle and able to work */
        UP,
        /** recovering from an error (new clients, re-joining its group, retrying): not down yet, not healthy either */
        RECOVERING,
        /** stopped on a fatal error, or not started: the process needs attention */
        DOWN
    }

    public static Health up(String component, String detail) {
        return new Health(component, Status.UP, detail);
    }

    public boolean isDown() {
        return status == Status.DOWN;
    }
}
