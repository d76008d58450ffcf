package com.satrank.services;

/**
 * The five stages of paying an L402 endpoint, in order; each has its own posterior. Stages 1–2 are
 * free checks of the challenge, 3–5 need a payment.
 */
public enum Stage {
    CHALLENGE(1, 1.0),
    INVOICE(2, 1.0),
    PAYMENT(3, 2.0),
    DELIVERY(4, 2.0),
    QUALITY(5, 2.0);

    private final int number;
    private final double probeWeight;

    Stage(int number, double probeWeight) {
        this.number = number;
        this.probeWeight = probeWeight;
    }

    public int number() {
        return number;
    }

    /** How much one probe outcome counts: paid stages count double, as in the reference. */
    public double probeWeight() {
        return probeWeight;
    }

    public static Stage ofNumber(int number) {
        for (Stage s : values()) {
            if (s.number == number) {
                return s;
            }
        }
        throw new IllegalArgumentException("no stage " + number);
    }
}
