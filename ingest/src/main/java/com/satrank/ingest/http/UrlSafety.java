package com.satrank.ingest.http;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * Which outbound URLs and addresses SatRank may reach. A URL must be absolute http(s) without
 * userinfo; an address must be public: no loopback, unspecified, private (10/8, 172.16/12,
 * 192.168/16), link-local (169.254/16, fe80::/10), CGNAT (100.64/10), ULA (fc00::/7), multicast,
 * 0/8, or an IPv4-mapped form of one. {@code allowLoopback} admits 127/8 and ::1 only, for the demo's
 * local economy; production refuses to start with it (see ServicesConfig).
 */
public final class UrlSafety {
    private final boolean allowLoopback;

    public UrlSafety(boolean allowLoopback) {
        this.allowLoopback = allowLoopback;
    }

    public boolean allowsLoopback() {
        return allowLoopback;
    }

    /** Why {@code url} may not be requested, or null when its shape is fine (its addresses are checked at connect). */
    public String refuseUrl(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException | NullPointerException e) {
            return "not a URI";
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return "scheme must be http or https";
        }
        if (uri.getRawUserInfo() != null || (uri.getRawAuthority() != null && uri.getRawAuthority().contains("@"))) {
            return "userinfo in URL";
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            return "no host";
        }
        return null;
    }

    /** Whether a connection to {@code address} is allowed. */
    public boolean allows(InetAddress address) {
        if (address instanceof Inet6Address v6) {
            byte[] b = v6.getAddress();
            if (isMappedV4(b)) {
                try {
                    return allows(InetAddress.getByAddress(new byte[] {b[12], b[13], b[14], b[15]}));
                } catch (java.net.UnknownHostException e) {
                    return false;
                }
            }
            if (v6.isLoopbackAddress()) {
                return allowLoopback;
            }
            int first = b[0] & 0xff;
            return !(v6.isAnyLocalAddress() || v6.isLinkLocalAddress() || v6.isSiteLocalAddress()
                    || v6.isMulticastAddress() || (first & 0xfe) == 0xfc);
        }
        if (address instanceof Inet4Address v4) {
            byte[] b = v4.getAddress();
            int a0 = b[0] & 0xff;
            int a1 = b[1] & 0xff;
            if (a0 == 127) {
                return allowLoopback;
            }
            return !(a0 == 0 || a0 == 10 || (a0 == 172 && a1 >= 16 && a1 <= 31) || (a0 == 192 && a1 == 168)
                    || (a0 == 169 && a1 == 254) || (a0 == 100 && a1 >= 64 && a1 <= 127) || a0 >= 224);
        }
        return false;
    }

    private static boolean isMappedV4(byte[] b) {
        for (int i = 0; i < 10; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
    }
}
