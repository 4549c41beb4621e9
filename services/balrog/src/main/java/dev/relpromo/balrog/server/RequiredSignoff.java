package dev.relpromo.balrog.server;

/** A {@code product_req_signoffs} row: changes to rules of this product and channel (glob) need this many of the role. */
public record RequiredSignoff(String product, String channel, String role, int signoffsRequired, int dataVersion) {
}
