package com.satrank.l402;

/** Why an L402 credential was refused; the code is what the 401 body carries. */
public enum L402Rejection {
    MALFORMED("L402_MALFORMED", "Authorization must be 'L402 <base64 macaroon>:<64-hex preimage>'"),
    UNKNOWN_VERSION("L402_UNKNOWN_VERSION", "macaroon identifier version is not supported"),
    BAD_SIGNATURE("L402_BAD_SIGNATURE", "macaroon signature is not valid for this service"),
    CAVEAT_FAILED("L402_CAVEAT_FAILED", "a macaroon caveat is not satisfied"),
    EXPIRED("L402_EXPIRED", "macaroon has expired"),
    PREIMAGE_MISMATCH("L402_PREIMAGE_MISMATCH", "preimage does not match the macaroon's payment hash");

    private final String code;
    private final String message;

    L402Rejection(String code, String message) {
        this.code = code;
        this.message = message;
    }

    public String code() {
        return code;
    }

    public String message() {
        return message;
    }
}
