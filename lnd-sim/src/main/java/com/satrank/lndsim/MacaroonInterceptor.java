package com.satrank.lndsim;

import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import java.util.Map;
import java.util.Set;

/** Refuses a call, as LND does, unless its {@code macaroon} metadata grants the method's permission. */
final class MacaroonInterceptor implements ServerInterceptor {
    private static final Metadata.Key<String> MACAROON = Metadata.Key.of("macaroon", Metadata.ASCII_STRING_MARSHALLER);
    private static final Map<String, String> REQUIRED = Map.ofEntries(
            Map.entry("lnrpc.Lightning/GetInfo", "info:read"),
            Map.entry("lnrpc.Lightning/DescribeGraph", "info:read"),
            Map.entry("lnrpc.Lightning/GetNodeInfo", "info:read"),
            Map.entry("lnrpc.Lightning/QueryRoutes", "info:read"),
            Map.entry("lnrpc.Lightning/AddInvoice", "invoices:write"),
            Map.entry("lnrpc.Lightning/LookupInvoice", "invoices:read"),
            Map.entry("routerrpc.Router/SendToRouteV2", "offchain:write"),
            Map.entry("lnrpc.Lightning/SendPaymentSync", "offchain:write"),
            Map.entry("satrank.sim.v1.SimControl/PayInvoice", "offchain:write"),
            Map.entry("satrank.sim.v1.SimControl/ListMerchants", "info:read"),
            Map.entry("satrank.sim.v1.SimControl/PaymentTruth", "info:read"),
            Map.entry("satrank.sim.v1.SimControl/AddMerchantInvoice", "invoices:write"));

    private final SimMacaroons macaroons;

    MacaroonInterceptor(SimMacaroons macaroons) {
        this.macaroons = macaroons;
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
                                                      ServerCallHandler<Q, R> next) {
        String presented = headers.get(MACAROON);
        if (presented == null || presented.isEmpty()) {
            call.close(Status.UNKNOWN.withDescription("expected 1 macaroon, got 0"), new Metadata());
            return new ServerCall.Listener<>() { };
        }
        Set<String> granted = macaroons.permissions(presented);
        if (granted == null) {
            call.close(Status.UNKNOWN.withDescription("verification failed: signature mismatch after caveat verification"),
                    new Metadata());
            return new ServerCall.Listener<>() { };
        }
        String required = REQUIRED.get(call.getMethodDescriptor().getFullMethodName());
        if (required == null || !granted.contains(required)) {
            call.close(Status.PERMISSION_DENIED.withDescription("permission denied"), new Metadata());
            return new ServerCall.Listener<>() { };
        }
        return next.startCall(call, headers);
    }
}
