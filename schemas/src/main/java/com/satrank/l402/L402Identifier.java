package com.satrank.l402;

import java.nio.ByteBuffer;

/**
 * Aperture's macaroon identifier: version (uint16, big-endian), payment hash (32 bytes), token id
 * (32 bytes). Version 0 is the only one defined.
 */
public record L402Identifier(int version, byte[] paymentHash, byte[] tokenId) {
    public static final int LENGTH = 66;

    public L402Identifier {
        if (paymentHash.length != 32 || tokenId.length != 32) {
            throw new IllegalArgumentException("payment hash and token id are 32 bytes each");
        }
        paymentHash = paymentHash.clone();
        tokenId = tokenId.clone();
    }

    public byte[] encode() {
        return ByteBuffer.allocate(LENGTH).putShort((short) version).put(paymentHash).put(tokenId).array();
    }

    public static L402Identifier decode(byte[] bytes) {
        if (bytes.length != LENGTH) {
            throw new MacaroonFormatException("identifier must be " + LENGTH + " bytes, got " + bytes.length);
        }
        ByteBuffer b = ByteBuffer.wrap(bytes);
        int version = Short.toUnsignedInt(b.getShort());
        byte[] hash = new byte[32];
        byte[] id = new byte[32];
        b.get(hash).get(id);
        return new L402Identifier(version, hash, id);
    }
}
