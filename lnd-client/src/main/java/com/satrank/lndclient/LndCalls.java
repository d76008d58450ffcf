package com.satrank.lndclient;

import io.grpc.StatusRuntimeException;
import io.grpc.stub.AbstractStub;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The one way this adapter calls LND: each call under the endpoint's deadline, timed and counted
 * in {@link LndStatus} by method name, and every gRPC failure surfaced as
 * {@link LndUnavailableException} with LND's status code and description.
 */
final class LndCalls {
    private final LndEndpoint endpoint;
    private final LndStatus status;

    LndCalls(LndEndpoint endpoint, LndStatus status) {
        this.endpoint = endpoint;
        this.status = status;
    }

    /** {@code stub} with a fresh deadline for one call. */
    <S extends AbstractStub<S>> S deadlined(S stub) {
        return stub.withDeadlineAfter(endpoint.deadline().toMillis(), TimeUnit.MILLISECONDS);
    }

    <T> T call(String method, Supplier<T> rpc) {
        long start = System.nanoTime();
        try {
            T result = rpc.get();
            status.recordSuccess(method, System.nanoTime() - start);
            return result;
        } catch (StatusRuntimeException e) {
            if (LndRoutes.isNoPath(e)) {
                // LND answered: the graph holds no path. Not a failure of LND.
                status.recordSuccess(method, System.nanoTime() - start);
                throw new NoPathException(e);
            }
            status.recordFailure(method, e.getStatus().getCode().name());
            throw new LndUnavailableException("LND " + method + " failed: " + e.getStatus().getCode()
                    + (e.getStatus().getDescription() == null ? "" : " (" + e.getStatus().getDescription() + ")"), e);
        }
    }

    /** LND found no path; only QueryRoutes answers this way, and {@link LndRoutes} turns it into an empty answer. */
    static final class NoPathException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NoPathException(StatusRuntimeException cause) {
            super(cause.getStatus().getDescription(), cause, false, false);
        }
    }
}
