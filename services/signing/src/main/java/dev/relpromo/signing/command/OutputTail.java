package dev.relpromo.signing.command;

import java.nio.charset.StandardCharsets;

/**
 * The last {@code limit} bytes a process wrote: a tool that loops printing cannot exhaust memory, and the end of the
 * output is where tools say why they failed. Thread-safe: the reader thread writes, the caller reads.
 */
final class OutputTail {
    private final byte[] ring;
    private long total;

    OutputTail(int limit) {
        this.ring = new byte[limit];
    }

    synchronized void write(byte[] bytes, int offset, int length) {
        for (int i = 0; i < length; i++) {
            ring[(int) (total++ % ring.length)] = bytes[offset + i];
        }
    }

    synchronized long total() {
        return total;
    }

    /**
     * The kept output as text. When the start was dropped, the first (partial) line is dropped too, so that half a
     * secret cut at the boundary cannot escape redaction, and a note says how much is missing.
     */
    synchronized String text() {
        int kept = (int) Math.min(total, ring.length);
        byte[] bytes = new byte[kept];
        int start = (int) ((total - kept) % ring.length);
        for (int i = 0; i < kept; i++) {
            bytes[i] = ring[(start + i) % ring.length];
        }
        String text = new String(bytes, StandardCharsets.UTF_8);
        if (total > ring.length) {
            int newline = text.indexOf('\n');
            text = "[" + (total - kept) + " earlier bytes not kept]\n" + (newline < 0 ? "" : text.substring(newline + 1));
        }
        return text;
    }
}
