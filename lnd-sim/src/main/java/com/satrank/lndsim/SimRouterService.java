package com.satrank.lndsim;

import com.satrank.lnd.lnrpc.HTLCAttempt;
import com.satrank.lnd.routerrpc.RouterGrpc;
import com.satrank.lnd.routerrpc.SendToRouteRequest;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;

/** routerrpc.Router of the sim: SendToRouteV2 as a payment probe. */
final class SimRouterService extends RouterGrpc.RouterImplBase {
    private final SimRouting routing;

    SimRouterService(SimRouting routing) {
        this.routing = routing;
    }

    @Override
    public void sendToRouteV2(SendToRouteRequest request, StreamObserver<HTLCAttempt> response) {
        if (request.getPaymentHash().size() != 32) {
            response.onError(Status.INVALID_ARGUMENT.withDescription("payment hash must be 32 bytes")
                    .asRuntimeException());
            return;
        }
        response.onNext(routing.probe(request.getPaymentHash().toByteArray(), request.getRoute()));
        response.onCompleted();
    }
}
