package dev.relpromo.balrog.client;

/**
 * How often and how long to retry a 5xx or a connection error: {@code attempts} in all, the backoff doubling from
 * {@code initialBackoffMillis} up to {@code maxBackoffMillis}. A 4xx is never retried. balrogscript uses 10 attempts
 * with 10–30 s sleeps; tests use short ones.
 */
public record RetryPolicy(int attempts, long initialBackoffMillis, long maxBackoffMillis) {
    public RetryPolicy {
        if (attempts < 1) {
            throw new IllegalArgumentException("retry attempts must be at least 1, got " + attempts);
        }
    }

    public static RetryPolicy balrogscript() {
        return new RetryPolicy(10, 10_000, 30_000);
    }

    long backoff(int failedAttempts) {
        long backoff = initialBackoffMillis;
        for (int i = 1; i < failedAttempts && backoff < maxBackoffMillis; i++) {
            backoff *= 2;
        }
        return Math.min(backoff, maxBackoffMillis);
    }
}
