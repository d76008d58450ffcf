package com.satrank.bolt11;

/** An invoice that is not valid BOLT 11; the message says why, fit for a 400. */
public class Bolt11Exception extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public Bolt11Exception(String message) {
        super(message);
    }
}
