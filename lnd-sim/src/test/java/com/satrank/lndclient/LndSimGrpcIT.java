package com.satrank.lndclient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.satrank.lnd.lnrpc.LightningGrpc;
import com.satrank.lnd.lnrpc.NodeInfoRequest;
import com.satrank.lndsim.LndSimServer;
import com.satrank.lndsim.LndSimSettings;
import com.satrank.lndsim.SimMacaroons;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real gRPC over TLS against the simulated LND, as ingest talks to a real one. */
class LndSimGrpcIT {
    @TempDir
    static Path dir;
    static LndSimServer sim;

    @BeforeAll
    static void start() {
        sim = LndSimServer.start(new LndSimSettings("127.0.0.1", 0, dir, 7, 1500, 4500, null), Clock.systemUTC());
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    private LndEndpoint endpoint(String macaroon) {
        return new LndEndpoint("localhost", sim.port(), sim.tlsCertPath(), sim.macaroonPath(macaroon),
                Duration.ofSeconds(20));
    }

    @Test
    void readonly_macaroon_reads_info_and_the_whole_graph() {
        LndStatus status = new LndStatus(com.satrank.metrics.Metrics.detached());
        try (LndGraphClient client = new LndGraphClient(endpoint(SimMacaroons.READONLY), status)) {
            LndInfo info = client.getInfo();
            assertThat(info.alias()).isEqualTo("satrank-sim-lnd");
            assertThat(info.blockHeight()).isPositive();
            var graph = client.describeGraph();
            assertThat(graph.nodes()).hasSize(1501);
            assertThat(graph.channels()).hasSize(4500);
            assertThat(graph.nodes()).containsKey(com.google.protobuf.ByteString.copyFrom(info.identity().toBytes()));
        }
        assertThat(status.state()).isEqualTo("ok");
    }

    @Test
    void get_node_info_answers_known_nodes_and_not_found_for_others() {
        var channel = LndChannels.open(endpoint(SimMacaroons.READONLY));
        try {
            var stub = LightningGrpc.newBlockingStub(channel)
                    .withCallCredentials(LndChannels.macaroon(sim.macaroonPath(SimMacaroons.READONLY)));
            String pubkey = stub.describeGraph(com.satrank.lnd.lnrpc.ChannelGraphRequest.getDefaultInstance())
                    .getEdges(0).getNode1Pub();
            var info = stub.getNodeInfo(NodeInfoRequest.newBuilder().setPubKey(pubkey).setIncludeChannels(true).build());
            assertThat(info.getNumChannels()).isPositive().isEqualTo(info.getChannelsCount());
            assertThatThrownBy(() -> stub.getNodeInfo(NodeInfoRequest.newBuilder().setPubKey("02" + "00".repeat(32))
                    .build()))
                    .isInstanceOfSatisfying(StatusRuntimeException.class,
                            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND));
        } finally {
            channel.shutdownNow();
        }
    }

    @Test
    void truth_export_lists_every_node_with_probabilities_that_fall_with_the_amount() throws Exception {
        var out = new java.io.StringWriter();
        sim.writeTruth(out, new long[] {1_000, 1_000_000});
        String[] lines = out.toString().split("\n");
        assertThat(lines[0]).isEqualTo("pubkey,p_1000,p_1000000");
        assertThat(lines).hasSize(1502);
        for (int i = 1; i < lines.length; i++) {
            String[] f = lines[i].split(",");
            double small = Double.parseDouble(f[1]);
            double large = Double.parseDouble(f[2]);
            assertThat(small).isBetween(0.0, 1.0);
            assertThat(large).isLessThanOrEqualTo(small);
        }
    }

    @Test
    void invoice_macaroon_may_not_read_the_graph() {
        LndStatus status = new LndStatus(com.satrank.metrics.Metrics.detached());
        try (LndGraphClient client = new LndGraphClient(endpoint(SimMacaroons.INVOICE), status)) {
            assertThatThrownBy(client::describeGraph).isInstanceOf(LndUnavailableException.class)
                    .hasMessageContaining("PERMISSION_DENIED");
        }
        assertThat(status.failureCount()).isEqualTo(1);
    }

    @Test
    void a_foreign_macaroon_is_refused(@TempDir Path other) throws Exception {
        Path forged = other.resolve("forged.macaroon");
        java.nio.file.Files.write(forged, new byte[40]);
        LndEndpoint e = new LndEndpoint("localhost", sim.port(), sim.tlsCertPath(), forged, Duration.ofSeconds(5));
        try (LndGraphClient client = new LndGraphClient(e, new LndStatus(com.satrank.metrics.Metrics.detached()))) {
            assertThatThrownBy(client::getInfo).hasMessageContaining("verification failed");
        }
    }

    @Test
    void unreachable_lnd_is_a_typed_failure_and_degrades_status_not_a_crash() {
        LndStatus status = new LndStatus(com.satrank.metrics.Metrics.detached());
        LndEndpoint closed = new LndEndpoint("localhost", 1, sim.tlsCertPath(), sim.macaroonPath(SimMacaroons.READONLY),
                Duration.ofSeconds(2));
        try (LndGraphClient client = new LndGraphClient(closed, status)) {
            for (int i = 0; i < 3; i++) {
                assertThatThrownBy(client::getInfo).isInstanceOf(LndUnavailableException.class)
                        .hasMessageContaining("UNAVAILABLE");
            }
        }
        assertThat(status.state()).isEqualTo("degraded");
    }
}
