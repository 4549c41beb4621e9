package dev.relpromo.balrog.aus;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Compares Firefox versions the way Balrog's {@code MozillaVersion} does: {@code major.minor[.patch[.patch2]]} with an
 * optional {@code a<n>}/{@code b<n>}/{@code rc<n>} pre-release (lower than the final) and an optional {@code esr}
 * suffix (ignored in comparisons). {@code 130.0b3 < 130.0 < 130.0.1 < 131.0a1 < 131.0}.
 */
public final class MozillaVersion implements Comparable<MozillaVersion> {
    private static final Pattern FORMAT = Pattern.compile(
            "^(\\d+)\\.(\\d+)(?:\\.(\\d+))?(?:\\.(\\d+))?(?:(a|b|rc)(\\d+))?(esr)?(?:pre)?$");
    private final String text;
    private final int[] numbers;
    /** 0 alpha, 1 beta, 2 rc, 3 final: a pre-release sorts before its final. */
    private final int stage;
    private final int stageNumber;

    private MozillaVersion(String text, int[] numbers, int stage, int stageNumber) {
        this.text = text;
        this.numbers = numbers;
        this.stage = stage;
        this.stageNumber = stageNumber;
    }

    public static MozillaVersion parse(String text) {
        Matcher m = FORMAT.matcher(text == null ? "" : text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("not a Mozilla version: " + text);
        }
        int[] numbers = new int[4];
        for (int i = 0; i < 4; i++) {
            numbers[i] = m.group(i + 1) == null ? 0 : Integer.parseInt(m.group(i + 1));
        }
        int stage = 3;
        int stageNumber = 0;
        if (m.group(5) != null) {
            stage = switch (m.group(5)) {
                case "a" -> 0;
                case "b" -> 1;
                default -> 2;
            };
            stageNumber = Integer.parseInt(m.group(6));
        }
        return new MozillaVersion(text.trim(), numbers, stage, stageNumber);
    }

    public static boolean isValid(String text) {
        return text != null && FORMAT.matcher(text.trim()).matches();
    }

    @Override
    public int compareTo(MozillaVersion other) {
        for (int i = 0; i < 4; i++) {
            int c = Integer.compare(numbers[i], other.numbers[i]);
            if (c != 0) {
                return c;
            }
        }
        int c = Integer.compare(stage, other.stage);
        return c != 0 ? c : Integer.compare(stageNumber, other.stageNumber);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MozillaVersion v && compareTo(v) == 0;
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(numbers) * 31 + stage * 7 + stageNumber;
    }

    @Override
    public String toString() {
        return text;
    }
}
