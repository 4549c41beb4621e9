/**
 * The service SPI: how the launcher finds, configures and starts services without a hand-written list. Plain Java;
 * the HTTP and metrics edge of {@code relpromo service NAME} sits in the launcher.
 */
package dev.relpromo.kit.app;
