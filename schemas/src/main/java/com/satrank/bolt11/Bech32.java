package com.satrank.bolt11;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.Locale;

/**
 * BIP-173 Bech32 over 5-bit groups, without BIP-173's 90-character limit (BOLT 11 invoices are
 * longer). No maintained Java library ships Bech32 without a whole Bitcoin stack (bitcoinj,
 * bitcoin-kmp), and the codec is a fixed, fully specified algorithm; BIP-173's own vectors test it.
 */
public final class Bech32 {
    private static final String CHARSET = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";
    private static final int[] GENERATOR = {0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3};

    private Bech32() {
    }

    /** Human-readable part and the 5-bit data groups (checksum removed). */
    public record Decoded(String hrp, byte[] data) {
    }

    public static Decoded decode(String text) {
        if (text == null) {
            throw new Bolt11Exception("invoice is required");
        }
        if (!text.equals(text.toLowerCase(Locale.ROOT)) && !text.equals(text.toUpperCase(Locale.ROOT))) {
            throw new Bolt11Exception("mixed-case bech32 string");
        }
        String s = text.toLowerCase(Locale.ROOT);
        int sep = s.lastIndexOf('1');
        if (sep < 1 || sep + 7 > s.length()) {
            throw new Bolt11Exception("bech32 string too short or without separator");
        }
        String hrp = s.substring(0, sep);
        for (char c : hrp.toCharArray()) {
            if (c < 33 || c > 126) {
                throw new Bolt11Exception("invalid character in human-readable part");
            }
        }
        byte[] values = new byte[s.length() - sep - 1];
        for (int i = 0; i < values.length; i++) {
            int v = CHARSET.indexOf(s.charAt(sep + 1 + i));
            if (v < 0) {
                throw new Bolt11Exception("invalid bech32 character '" + s.charAt(sep + 1 + i) + "'");
            }
            values[i] = (byte) v;
        }
        if (polymod(expand(hrp), values) != 1) {
            throw new Bolt11Exception("bech32 checksum is invalid");
        }
        return new Decoded(hrp, Arrays.copyOf(values, values.length - 6));
    }

    public static String encode(String hrp, byte[] data) {
        byte[] withZeros = Arrays.copyOf(data, data.length + 6);
        int mod = polymod(expand(hrp), withZeros) ^ 1;
        StringBuilder sb = new StringBuilder(hrp.length() + 1 + data.length + 6).append(hrp).append('1');
        for (byte b : data) {
            sb.append(CHARSET.charAt(b));
        }
        for (int i = 0; i < 6; i++) {
            sb.append(CHARSET.charAt((mod >>> (5 * (5 - i))) & 31));
        }
        return sb.toString();
    }

    /** Regroups bits, e.g. 5→8 (pad=false drops the incomplete tail) or 8→5 (pad=true). */
    public static byte[] convertBits(byte[] in, int from, int to, boolean pad) {
        int acc = 0;
        int bits = 0;
        int maxv = (1 << to) - 1;
        ByteArrayOutputStream out = new ByteArrayOutputStream(in.length * from / to + 1);
        for (byte value : in) {
            int v = value & 0xff;
            if ((v >>> from) != 0) {
                throw new Bolt11Exception("value out of range for " + from + "-bit groups");
            }
            acc = (acc << from) | v;
            bits += from;
            while (bits >= to) {
                bits -= to;
                out.write((acc >>> bits) & maxv);
            }
        }
        if (pad && bits > 0) {
            out.write((acc << (to - bits)) & maxv);
        }
        return out.toByteArray();
    }

    private static byte[] expand(String hrp) {
        byte[] out = new byte[hrp.length() * 2 + 1];
        for (int i = 0; i < hrp.length(); i++) {
            out[i] = (byte) (hrp.charAt(i) >>> 5);
            out[i + hrp.length() + 1] = (byte) (hrp.charAt(i) & 31);
        }
        return out;
    }

    private static int polymod(byte[] hrpExpanded, byte[] values) {
        int chk = 1;
        for (byte[] part : new byte[][] {hrpExpanded, values}) {
            for (byte v : part) {
                int top = chk >>> 25;
                chk = ((chk & 0x1ffffff) << 5) ^ (v & 0xff);
                for (int i = 0; i < 5; i++) {
                    if (((top >>> i) & 1) != 0) {
                        chk ^= GENERATOR[i];
                    }
                }
            }
        }
        return chk;
    }
}
