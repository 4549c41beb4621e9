/**
 * Test helpers every module may use at test scope: {@link dev.relpromo.testing.SystemTools}, the independent tools
 * that check our output.
 */
package dev.relpromo.testing;
