package dev.relpromo.repack;

import dev.relpromo.kit.failure.TaskFailureException;
import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.function.LongConsumer;

/** Streams that report how many bytes pass through them. */
final class CountingStreams {
    private CountingStreams() {
    }

    static InputStream counting(InputStream in, LongConsumer counter) {
        return new FilterInputStream(in) {
            @Override
            public int read() throws IOException {
                int b = super.read();
                if (b >= 0) {
                    counter.accept(1);
                }
                return b;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = super.read(b, off, len);
                if (n > 0) {
                    counter.accept(n);
                }
                return n;
            }

            @Override
            public long skip(long n) throws IOException {
                long skipped = super.skip(n);
                counter.accept(skipped);
                return skipped;
            }
        };
    }

    /**
     * Reads exactly {@code size} bytes: more or fewer means the entry lies about its size (a tar header was already
     * written with it), which fails the task instead of surfacing as a retried write error.
     */
    static InputStream exactly(InputStream in, long size, String what) {
        return new FilterInputStream(in) {
            private long left = size;

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = super.read(b, off, (int) Math.min(len, left + 1));
                if (n > 0 && (left -= n) < 0) {
                    throw new UnsafeArchiveException(what + " holds more than the " + size + " bytes it declares");
                }
                if (n < 0 && left > 0) {
                    throw new TaskFailureException(what + " ends " + left + " bytes before the " + size
                            + " bytes it declares");
                }
                return n;
            }

            @Override
            public long skip(long n) throws IOException {
                throw new UnsupportedOperationException("exact-size streams are read, not skipped");
            }
        };
    }

    static OutputStream counting(OutputStream out, LongConsumer counter) {
        return new FilterOutputStream(out) {
            @Override
            public void write(int b) throws IOException {
                out.write(b);
                counter.accept(1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
                counter.accept(len);
            }
        };
    }
}
