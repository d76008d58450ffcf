package com.satrank.app.runtime;

import java.net.URI;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/** What the demo prints once it listens: where to look and what to paste. */
final class DemoBanner {
    private DemoBanner() {
    }

    /** The port the API's application connector listens on (8080 when none is named so). */
    static int applicationPort(Server server) {
        int port = 8080;
        for (var connector : server.getConnectors()) {
            if (connector instanceof ServerConnector c && "application".equals(c.getName())) {
                port = c.getLocalPort();
            }
        }
        return port;
    }

    /** {@code simPort}, {@code simDir}: where this demo's lnd-sim listens and keeps its credentials. */
    static void print(Server server, int simPort, java.nio.file.Path simDir, String apiKey) {
        int port = applicationPort(server);
        String base = URI.create("http://localhost:" + port).toString();
        System.out.println("""

                ================================ SatRank demo ================================
                lnd-sim, ingest, pipeline and the API are running. The first graph snapshot
                lands within seconds; then scores follow. Try:

                  curl -s %1$s/api/health
                  curl -s '%1$s/api/agents/top?limit=5'
                  curl -s %1$s/api/agent/<publicKey or publicKeyHash from the list>
                  curl -s %1$s/api/stats
                  curl -s %1$s/metrics | head
                  curl -s -X POST %1$s/api/report -H 'Content-Type: application/json' \\
                       -H 'X-API-Key: %3$s' \\
                       -d '{"target":"<publicKey>","outcome":"success","amountSats":1000}'

                Buy a paid answer over L402 (402 → pay with lnd-sim → retry → 200):
                  curl -s %1$s/api/profile/<publicKey>          # note data.macaroon, data.invoice
                  java -jar app/target/satrank.jar lnd-sim --port %4$d --dir %2$s pay <invoice>
                                                                # prints the preimage
                  curl -s %1$s/api/profile/<publicKey> -H 'Authorization: L402 <macaroon>:<preimage>'
                or all three at once: scripts/l402-purchase.sh
                ==============================================================================
                """.formatted(base, simDir.toAbsolutePath(), apiKey, simPort));
    }
}
