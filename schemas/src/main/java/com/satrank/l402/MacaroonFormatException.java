package com.satrank.l402;

/** Bytes that are not a macaroon we could have issued. */
public class MacaroonFormatException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public MacaroonFormatException(String message) {
        super(message);
    }
}
