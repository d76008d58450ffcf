package com.satrank.lndclient;

import io.grpc.CallCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.NettyChannelBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.HexFormat;
import java.util.concurrent.Executor;
import javax.net.ssl.SSLException;

/** Opens gRPC channels to LND the way LND expects: TLS pinned to its cert, macaroon hex in metadata. */
public final class LndChannels {
    public static final Metadata.Key<String> MACAROON_KEY =
            Metadata.Key.of("macaroon", Metadata.ASCII_STRING_MARSHALLER);
    /** A mainnet DescribeGraph answer is tens of MB; gRPC's 4 MB default would refuse it. */
    private static final int MAX_MESSAGE_BYTES = 512 * 1024 * 1024;

    private LndChannels() {
    }

    public static ManagedChannel open(LndEndpoint endpoint) {
        try {
            return NettyChannelBuilder.forAddress(endpoint.host(), endpoint.port())
                    .sslContext(GrpcSslContexts.forClient().trustManager(endpoint.tlsCertPath().toFile()).build())
                    .maxInboundMessageSize(MAX_MESSAGE_BYTES)
                    .build();
        } catch (SSLException e) {
            throw new IllegalArgumentException("cannot use LND TLS cert " + endpoint.tlsCertPath() + ": "
                    + e.getMessage(), e);
        }
    }

    /** Reads the macaroon file as LND writes it (binary) and sends it hex-encoded on every call. */
    public static CallCredentials macaroon(java.nio.file.Path macaroonPath) {
        String hex;
        try {
            hex = HexFormat.of().formatHex(Files.readAllBytes(macaroonPath));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read macaroon " + macaroonPath, e);
        }
        return new CallCredentials() {
            @Override
            public void applyRequestMetadata(RequestInfo info, Executor executor, MetadataApplier applier) {
                Metadata headers = new Metadata();
                headers.put(MACAROON_KEY, hex);
                applier.apply(headers);
            }

            @Override
            public void thisUsesUnstableApi() {
                // required by the abstract class in older gRPC versions
            }
        };
    }

    static boolean isUnavailable(Status status) {
        return status.getCode() == Status.Code.UNAVAILABLE || status.getCode() == Status.Code.DEADLINE_EXCEEDED;
    }
}
