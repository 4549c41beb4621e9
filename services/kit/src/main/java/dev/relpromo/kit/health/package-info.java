/** Component health: plain records the launcher prints and the HTTP layer serves at {@code /health}. */
package dev.relpromo.kit.health;
