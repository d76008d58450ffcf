package com.satrank.ingest.services;

import static org.assertj.core.api.Assertions.assertThat;

import com.satrank.l402sim.SimEndpoint;
import com.satrank.lndclient.LndStatus;
import com.satrank.lndsim.SimMacaroons;
import com.satrank.metrics.Metrics;
import com.satrank.services.catalog.EndpointProbes;
import com.satrank.testing.MutableClock;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A bought probe of a URL the catalogue does not list asks it as discovery does: GET, and POST when
 * GET is refused with 405. Stop 20's CI failed when a POST-only service met a GET and was reported
 * NOT_L402; here both kinds of service are probed over real HTTP and a real lnd-sim payment path.
 */
class OnDemandProbesIT {
    private static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");

    @Test
    void an_unlisted_post_only_service_is_asked_with_post_and_a_get_one_with_get(@TempDir Path dir) throws Exception {
        try (Economy economy = new Economy(dir, new MutableClock(T0), 120, Map.of());
             OnDemandProbes probes = OnDemandProbes.create(economy.config, economy.logs,
                     economy.endpoint(SimMacaroons.PAY), economy.lnd.macaroonPath(SimMacaroons.PAY).toString(),
                     new LndStatus(Metrics.detached()), hash -> Optional.empty(), Metrics.detached(), economy.clock)) {
            for (String method : new String[] {"POST", "GET"}) {
                SimEndpoint service = economy.sim.endpoints().stream()
                        .filter(e -> e.kind() == SimEndpoint.Kind.L402 && e.method().equals(method))
                        .max(Comparator.comparingDouble(e -> e.truth().challenge())).orElseThrow();
                EndpointProbes.ProbeReport report = probes.probe(economy.sim.url(service));
                assertThat(report.firstFetch().status()).as(method + "-only: " + report).isNotEqualTo(405);
                if (service.truth().challenge() >= 0.999) {
                    assertThat(report.target()).as(report.toString()).isEqualTo("L402");
                    assertThat(report.l402Challenge()).isNotNull();
                }
            }
        }
    }
}
