package com.satrank.l402;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A macaroon with first-party caveats in libmacaroons' v2 binary format, the format Aperture and
 * lnd emit. jmacaroons keeps identifiers as Java strings, which cannot carry Aperture's binary
 * identifier, so this is the small codec the format needs: fields are (type, varint length,
 * bytes), sections end with EOS; the signature is the HMAC-SHA256 chain seeded with
 * HMAC("macaroons-key-generator", rootKey). Immutable; arrays are copied in and out.
 */
public final class Macaroon {
    private static final int EOS = 0;
    private static final int LOCATION = 1;
    private static final int IDENTIFIER = 2;
    private static final int VID = 4;
    private static final int SIGNATURE = 6;
    private static final byte[] KEY_GENERATOR = "macaroons-key-generator".getBytes(StandardCharsets.US_ASCII);
    /** Far more than any token of ours: bounds the work a hostile header can cause. */
    static final int MAX_BYTES = 4096;

    private final String location;
    private final byte[] identifier;
    private final List<byte[]> caveats;
    private final byte[] signature;

    private Macaroon(String location, byte[] identifier, List<byte[]> caveats, byte[] signature) {
        this.location = location;
        this.identifier = identifier;
        this.caveats = caveats;
        this.signature = signature;
    }

    public static Macaroon mint(byte[] rootKey, String location, byte[] identifier, List<String> caveats) {
        byte[] sig = hmac(hmac(KEY_GENERATOR, rootKey), identifier);
        List<byte[]> ids = new ArrayList<>();
        for (String caveat : caveats) {
            byte[] id = caveat.getBytes(StandardCharsets.UTF_8);
            ids.add(id);
            sig = hmac(sig, id);
        }
        return new Macaroon(location, identifier.clone(), List.copyOf(ids), sig);
    }

    /** What a holder may do without the root key: add a first-party caveat (attenuate). */
    public Macaroon withCaveat(String caveat) {
        byte[] id = caveat.getBytes(StandardCharsets.UTF_8);
        List<byte[]> more = new ArrayList<>(caveats);
        more.add(id);
        return new Macaroon(location, identifier, List.copyOf(more), hmac(signature, id));
    }

    /** True when the signature chain recomputed from {@code rootKey} matches, compared in constant time. */
    public boolean verifySignature(byte[] rootKey) {
        byte[] sig = hmac(hmac(KEY_GENERATOR, rootKey), identifier);
        for (byte[] caveat : caveats) {
            sig = hmac(sig, caveat);
        }
        return MessageDigest.isEqual(sig, signature);
    }

    public byte[] encode() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(128);
        out.write(2);
        if (location != null && !location.isEmpty()) {
            field(out, LOCATION, location.getBytes(StandardCharsets.UTF_8));
        }
        field(out, IDENTIFIER, identifier);
        out.write(EOS);
        for (byte[] caveat : caveats) {
            field(out, IDENTIFIER, caveat);
            out.write(EOS);
        }
        out.write(EOS);
        field(out, SIGNATURE, signature);
        return out.toByteArray();
    }

    /** Strict v2 decoding; third-party caveats are refused (we never issue them). */
    public static Macaroon decode(byte[] bytes) {
        if (bytes.length > MAX_BYTES) {
            throw new MacaroonFormatException("macaroon too large");
        }
        Reader r = new Reader(bytes);
        if (r.readByte() != 2) {
            throw new MacaroonFormatException("not a v2 binary macaroon");
        }
        String location = null;
        int type = r.readVarint();
        if (type == LOCATION) {
            location = new String(r.readField(), StandardCharsets.UTF_8);
            type = r.readVarint();
        }
        if (type != IDENTIFIER) {
            throw new MacaroonFormatException("macaroon identifier missing");
        }
        byte[] identifier = r.readField();
        r.expect(EOS);
        List<byte[]> caveats = new ArrayList<>();
        while (true) {
            type = r.readVarint();
            if (type == EOS) {
                break;
            }
            if (type == LOCATION) {
                throw new MacaroonFormatException("third-party caveats are not accepted");
            }
            if (type != IDENTIFIER) {
                throw new MacaroonFormatException("unexpected field " + type + " in caveat");
            }
            caveats.add(r.readField());
            int next = r.readVarint();
            if (next == VID) {
                throw new MacaroonFormatException("third-party caveats are not accepted");
            }
            if (next != EOS) {
                throw new MacaroonFormatException("caveat not terminated");
            }
        }
        r.expect(SIGNATURE);
        byte[] signature = r.readField();
        if (signature.length != 32) {
            throw new MacaroonFormatException("signature must be 32 bytes");
        }
        if (r.remaining() != 0) {
            throw new MacaroonFormatException("trailing bytes after the signature");
        }
        return new Macaroon(location, identifier, List.copyOf(caveats), signature);
    }

    public String location() {
        return location;
    }

    public byte[] identifier() {
        return identifier.clone();
    }

    public List<String> caveats() {
        return caveats.stream().map(c -> new String(c, StandardCharsets.UTF_8)).toList();
    }

    public byte[] signature() {
        return signature.clone();
    }

    private static void field(ByteArrayOutputStream out, int type, byte[] data) {
        writeVarint(out, type);
        writeVarint(out, data.length);
        out.writeBytes(data);
    }

    private static void writeVarint(ByteArrayOutputStream out, int value) {
        int v = value;
        while ((v & ~0x7f) != 0) {
            out.write((v & 0x7f) | 0x80);
            v >>>= 7;
        }
        out.write(v);
    }

    static byte[] hmac(byte[] key, byte[] message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(message);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JRE", e);
        }
    }

    private static final class Reader {
        private final byte[] bytes;
        private int pos;

        Reader(byte[] bytes) {
            this.bytes = bytes;
        }

        int readByte() {
            if (pos >= bytes.length) {
                throw new MacaroonFormatException("macaroon truncated");
            }
            return bytes[pos++] & 0xff;
        }

        int readVarint() {
            int value = 0;
            for (int shift = 0; shift < 28; shift += 7) {
                int b = readByte();
                value |= (b & 0x7f) << shift;
                if ((b & 0x80) == 0) {
                    return value;
                }
            }
            throw new MacaroonFormatException("varint too long");
        }

        byte[] readField() {
            int len = readVarint();
            if (len < 0 || len > bytes.length - pos) {
                throw new MacaroonFormatException("field length beyond the macaroon");
            }
            byte[] out = java.util.Arrays.copyOfRange(bytes, pos, pos + len);
            pos += len;
            return out;
        }

        void expect(int type) {
            if (readVarint() != type) {
                throw new MacaroonFormatException("malformed macaroon structure");
            }
        }

        int remaining() {
            return bytes.length - pos;
        }
    }
}
