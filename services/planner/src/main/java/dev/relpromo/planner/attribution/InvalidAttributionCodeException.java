package dev.relpromo.planner.attribution;

import dev.relpromo.planner.PlannerException;
import java.util.List;

/** An attribution code breaks the rules Firefox and {@code attribute_builds.py} apply; every problem is listed. */
public class InvalidAttributionCodeException extends PlannerException {
    private static final int SHOWN = 80;
    private final String code;

    public InvalidAttributionCodeException(String code, List<String> problems) {
        super(problems.stream().map(p -> "invalid attribution code '" + shortened(code) + "': " + p).toList());
        this.code = code;
    }

    /** The code as given (possibly null). */
    public String code() {
        return code;
    }

    /** Codes run to 1010 characters; messages show the start, which is where the key names are. */
    private static String shortened(String code) {
        if (code == null) {
            return "";
        }
        return code.length() <= SHOWN ? code : code.substring(0, SHOWN) + "…";
    }
}
