/**
 * The failures domain code throws, with no framework or Kafka type: {@link TaskFailureException} fails a task at
 * once, {@link TransientTaskException} is retried with backoff.
 */
package dev.relpromo.kit.failure;
