package dev.relpromo.kit.work;

import dev.relpromo.kit.failure.TaskFailureException;
import dev.relpromo.events.Artifact;
import dev.relpromo.kit.store.Digests;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;

/**
 * An artifact's bytes, checked against the size and sha512 its producer published while they stream: reading
 * past the published size fails at once, and reaching the end with a different size or digest fails there, with a
 * {@link TaskFailureException}. Whatever a consumer built from the bytes must only be kept once the end was reached
 * without error; {@link #verifyRemainder()} reads what a consumer left unread.
 */
public final class VerifiedInputStream extends FilterInputStream {
    private final Artifact artifact;
    private final MessageDigest sha512 = Digests.sha512();
    private long count;
    private boolean verified;
    private TaskFailureException failure;

    VerifiedInputStream(InputStream in, Artifact artifact) {
        super(in);
        this.artifact = artifact;
    }

    public Artifact artifact() {
        return artifact;
    }

    @Override
    public int read() throws IOException {
        failIfFailed();
        int b = in.read();
        if (b < 0) {
            verify();
        } else {
            counted(1);
            sha512.update((byte) b);
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        failIfFailed();
        int n = in.read(b, off, len);
        if (n < 0) {
            verify();
        } else if (n > 0) {
            counted(n);
            sha512.update(b, off, n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        // skipped bytes must still be hashed
        int r = read(new byte[(int) Math.max(0, Math.min(n, 8192))]);
        return Math.max(0, r);
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    @Override
    public synchronized void mark(int readlimit) {
        // not supported: a reset would hash bytes twice
    }

    @Override
    public synchronized void reset() throws IOException {
        throw new IOException("mark/reset not supported");
    }

    /** Reads whatever is left and checks the whole content; returns normally only if it matches. */
    public void verifyRemainder() throws IOException {
        byte[] buffer = new byte[8192];
        while (read(buffer) >= 0) {
            // drained and hashed by read
        }
    }

    private void counted(int n) {
        count += n;
        if (count > artifact.size()) {
            throw fail("more than the " + artifact.size() + " bytes its producer published");
        }
    }

    private void verify() {
        if (verified) {
            return;
        }
        String actual = Digests.hex(sha512.digest());
        if (count != artifact.size() || !actual.equals(artifact.sha512())) {
            throw fail(count + " bytes with sha512 " + actual + ", but its producer published " + artifact.size()
                    + " bytes with sha512 " + artifact.sha512());
        }
        verified = true;
    }

    private void failIfFailed() {
        if (failure != null) {
            throw failure;
        }
    }

    private TaskFailureException fail(String what) {
        failure = new TaskFailureException("artifact " + artifact.name() + " (" + artifact.uri()
                + ") does not match what was published: read " + what);
        return failure;
    }
}
