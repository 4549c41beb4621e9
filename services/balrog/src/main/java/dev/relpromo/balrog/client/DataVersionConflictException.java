package dev.relpromo.balrog.client;

/** 409: the data_version the request named is stale; re-read and try again. */
public final class DataVersionConflictException extends BalrogClientException {
    public DataVersionConflictException(String message) {
        super(409, message, null);
    }
}
