package com.satrank.lndclient;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Where and how to reach one LND: host, gRPC port, its TLS certificate and a macaroon file.
 * Each process gets the least-privileged macaroon for its job (readonly, invoice or pay).
 */
public record LndEndpoint(String host, int port, Path tlsCertPath, Path macaroonPath, Duration deadline) {
    public LndEndpoint {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(tlsCertPath, "tlsCertPath");
        Objects.requireNonNull(macaroonPath, "macaroonPath");
        if (port <= 0 || port > 65535) {
            throw new IllegalArgumentException("LND port must be 1..65535, got " + port);
        }
        if (deadline == null || deadline.isNegative() || deadline.isZero()) {
            throw new IllegalArgumentException("LND deadline must be positive");
        }
    }
}
