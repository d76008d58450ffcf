package com.satrank.lndsim;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;

/**
 * Bearer credentials of the simulated LND, written as files the way LND writes admin, readonly and
 * invoice macaroons, each granting LND's permission set for that role. The file bytes are opaque
 * random tokens, not HMAC-chained macaroons: the sim checks that the caller presents a known file
 * and that its role holds the permission the method needs, which is what a client can observe.
 */
public final class SimMacaroons {
    public static final String ADMIN = "admin.macaroon";
    public static final String READONLY = "readonly.macaroon";
    public static final String INVOICE = "invoice.macaroon";
    public static final String PAY = "pay.macaroon";

    private static final Map<String, Set<String>> ROLES = Map.of(
            ADMIN, Set.of("info:read", "offchain:read", "offchain:write", "invoices:read", "invoices:write"),
            READONLY, Set.of("info:read", "offchain:read", "invoices:read"),
            INVOICE, Set.of("invoices:read", "invoices:write"),
            PAY, Set.of("info:read", "offchain:read", "offchain:write"));

    private final Map<String, Set<String>> permissionsByHex;

    private SimMacaroons(Map<String, Set<String>> permissionsByHex) {
        this.permissionsByHex = permissionsByHex;
    }

    /**
     * The tokens of every role in {@code dir}: the ones already there (a restarted sim keeps its
     * macaroons, as LND does), or freshly minted and written when any is missing.
     */
    public static SimMacaroons writeTo(Path dir) {
        SecureRandom random = new SecureRandom();
        var byHex = new java.util.HashMap<String, Set<String>>();
        try {
            Files.createDirectories(dir);
            boolean keep = ROLES.keySet().stream().allMatch(name -> Files.exists(dir.resolve(name)));
            for (var role : ROLES.entrySet()) {
                byte[] token;
                if (keep) {
                    token = Files.readAllBytes(dir.resolve(role.getKey()));
                } else {
                    token = new byte[40];
                    random.nextBytes(token);
                    Files.write(dir.resolve(role.getKey()), token);
                }
                byHex.put(HexFormat.of().formatHex(token), role.getValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write sim macaroons to " + dir, e);
        }
        return new SimMacaroons(Map.copyOf(byHex));
    }

    /** Permissions of the presented macaroon, or null when it is not one of ours. */
    Set<String> permissions(String hex) {
        return hex == null ? null : permissionsByHex.get(hex.toLowerCase(java.util.Locale.ROOT));
    }
}
