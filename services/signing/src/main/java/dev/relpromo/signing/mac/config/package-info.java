/**
 * Chooses the mac signing backend from plain settings ({@link dev.relpromo.signing.mac.config.MacSigningConfig}).
 * A package of its own because it knows both backends: {@code signing.mac} (the API and the local backend) and
 * {@code signing.command} (which depends on {@code signing.mac}) then have no cycle.
 */
package dev.relpromo.signing.mac.config;
