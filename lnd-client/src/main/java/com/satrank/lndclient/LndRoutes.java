package com.satrank.lndclient;

import com.satrank.lnd.lnrpc.LightningGrpc;
import com.satrank.lnd.lnrpc.QueryRoutesRequest;
import com.satrank.lnd.lnrpc.QueryRoutesResponse;
import com.satrank.lnd.lnrpc.Route;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.Optional;

/** QueryRoutes, for the prober and for GO/NO-GO pathfinding: LND's best route, or empty when the graph has none. */
final class LndRoutes {
    private LndRoutes() {
    }

    static Optional<Route> best(LndCalls calls, LightningGrpc.LightningBlockingStub lightning,
                                QueryRoutesRequest request) {
        try {
            QueryRoutesResponse r = calls.call("QueryRoutes", () -> calls.deadlined(lightning).queryRoutes(request));
            return r.getRoutesCount() == 0 ? Optional.empty() : Optional.of(r.getRoutes(0));
        } catch (LndCalls.NoPathException e) {
            return Optional.empty();
        }
    }

    /** LND says "no path" with an error status rather than an empty answer. */
    static boolean isNoPath(StatusRuntimeException e) {
        String d = e.getStatus().getDescription();
        return e.getStatus().getCode() != Status.Code.UNAVAILABLE && d != null
                && (d.contains("unable to find a path") || d.contains("FAILURE_REASON_NO_ROUTE"));
    }
}
