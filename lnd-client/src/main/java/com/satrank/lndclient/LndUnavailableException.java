package com.satrank.lndclient;

/** LND could not be reached or refused the call; callers back off and retry, never crash. */
public class LndUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public LndUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
