package com.satrank.lndsim;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;

/**
 * The simulated LND's own node key: a real secp256k1 key derived from the seed, so invoices it
 * signs later verify against the pubkey it announces.
 */
public record SimIdentity(BigInteger privateKey, byte[] publicKey) {
    private static final X9ECParameters SECP256K1 = CustomNamedCurves.getByName("secp256k1");

    public static SimIdentity fromSeed(long seed) {
        return derive(seed, 0x5A7_2A4CL);
    }

    /** The key of the {@code index}-th merchant node of the sim graph (1-based), also from the seed. */
    public static SimIdentity merchant(long seed, int index) {
        return derive(seed, 0x3E2C_0000L + index);
    }

    private static SimIdentity derive(long seed, long salt) {
        byte[] digest = com.satrank.model.Sha256.of(ByteBuffer.allocate(16).putLong(seed).putLong(salt).array());
        BigInteger d = new BigInteger(1, digest).mod(SECP256K1.getN().subtract(BigInteger.ONE)).add(BigInteger.ONE);
        return new SimIdentity(d, SECP256K1.getG().multiply(d).normalize().getEncoded(true));
    }
}
