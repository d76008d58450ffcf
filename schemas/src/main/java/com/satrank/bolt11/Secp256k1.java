package com.satrank.bolt11;

import java.math.BigInteger;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.HMacDSAKCalculator;
import org.bouncycastle.math.ec.ECAlgorithms;
import org.bouncycastle.math.ec.ECPoint;

/**
 * ECDSA on secp256k1 as Lightning uses it, on BouncyCastle's curve maths: RFC 6979 signatures
 * normalised to low S with their recovery id, verification, and public-key recovery (SEC 1 §4.1.6).
 */
public final class Secp256k1 {
    private static final X9ECParameters CURVE = CustomNamedCurves.getByName("secp256k1");
    static final ECDomainParameters DOMAIN = new ECDomainParameters(CURVE.getCurve(), CURVE.getG(), CURVE.getN(),
            CURVE.getH());
    private static final BigInteger HALF_N = CURVE.getN().shiftRight(1);

    private Secp256k1() {
    }

    /** A compact signature: r, s and the recovery id (0..3). */
    public record Signature(BigInteger r, BigInteger s, int recoveryId) {
        public boolean isLowS() {
            return s.compareTo(HALF_N) <= 0;
        }

        /** The same signature with S in low form and the recovery id unchanged. */
        public Signature lowS() {
            return isLowS() ? this : new Signature(r, CURVE.getN().subtract(s), recoveryId);
        }
    }

    public static byte[] publicKey(BigInteger privateKey) {
        return CURVE.getG().multiply(privateKey).normalize().getEncoded(true);
    }

    public static Signature sign(byte[] hash32, BigInteger privateKey) {
        ECDSASigner signer = new ECDSASigner(new HMacDSAKCalculator(new SHA256Digest()));
        signer.init(true, new ECPrivateKeyParameters(privateKey, DOMAIN));
        BigInteger[] rs = signer.generateSignature(hash32);
        BigInteger r = rs[0];
        BigInteger s = rs[1].compareTo(HALF_N) > 0 ? CURVE.getN().subtract(rs[1]) : rs[1];
        byte[] expected = publicKey(privateKey);
        for (int id = 0; id < 4; id++) {
            ECPoint q = recover(hash32, r, s, id);
            if (q != null && java.util.Arrays.equals(q.getEncoded(true), expected)) {
                return new Signature(r, s, id);
            }
        }
        throw new IllegalStateException("no recovery id reproduces the signing key");
    }

    public static boolean verify(byte[] hash32, Signature sig, byte[] compressedPubkey) {
        try {
            ECPoint q = CURVE.getCurve().decodePoint(compressedPubkey);
            ECDSASigner verifier = new ECDSASigner();
            verifier.init(false, new ECPublicKeyParameters(q, DOMAIN));
            return verifier.verifySignature(hash32, sig.r(), sig.s());
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** The compressed public key that made {@code sig} over {@code hash32}, or null if none. */
    public static byte[] recoverCompressed(byte[] hash32, Signature sig) {
        ECPoint q = recover(hash32, sig.r(), sig.s(), sig.recoveryId());
        return q == null ? null : q.getEncoded(true);
    }

    private static ECPoint recover(byte[] hash32, BigInteger r, BigInteger s, int recoveryId) {
        BigInteger n = CURVE.getN();
        if (recoveryId < 0 || recoveryId > 3 || r.signum() <= 0 || s.signum() <= 0 || r.compareTo(n) >= 0
                || s.compareTo(n) >= 0) {
            return null;
        }
        BigInteger x = r.add(n.multiply(BigInteger.valueOf(recoveryId / 2)));
        BigInteger p = CURVE.getCurve().getField().getCharacteristic();
        if (x.compareTo(p) >= 0) {
            return null;
        }
        ECPoint bigR;
        try {
            byte[] encoded = new byte[33];
            encoded[0] = (byte) ((recoveryId & 1) == 0 ? 0x02 : 0x03);
            byte[] xb = x.toByteArray();
            int copy = Math.min(32, xb.length);
            System.arraycopy(xb, xb.length - copy, encoded, 33 - copy, copy);
            bigR = CURVE.getCurve().decodePoint(encoded);
        } catch (IllegalArgumentException e) {
            return null;
        }
        if (!bigR.multiply(n).isInfinity()) {
            return null;
        }
        BigInteger e = new BigInteger(1, hash32);
        BigInteger rInv = r.modInverse(n);
        BigInteger u1 = n.subtract(e).multiply(rInv).mod(n);
        BigInteger u2 = s.multiply(rInv).mod(n);
        ECPoint q = ECAlgorithms.sumOfTwoMultiplies(CURVE.getG(), u1, bigR, u2).normalize();
        return q.isInfinity() ? null : q;
    }
}
