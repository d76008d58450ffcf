package com.satrank.lndsim;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DescribeGraphFileTest {
    /** The shape lncli describegraph prints, with the oddities real graphs have. */
    static final String JSON = """
            {"nodes":[
              {"last_update":0,"pub_key":"02%1$s","alias":"","addresses":[],"color":"#000000","features":{},
               "custom_records":{}},
              {"last_update":1700000000,"pub_key":"03%2$s","alias":"ACINQ","addresses":[{"network":"tcp",
               "addr":"3.33.236.230:9735"}],"color":"#49daaa","features":{"0":{"name":"data-loss-protect",
               "is_required":true,"is_known":true}},"some_future_field":42}
            ],
            "edges":[
              {"channel_id":"592931436542885889","chan_point":"%3$s:1","last_update":0,"node1_pub":"02%1$s",
               "node2_pub":"03%2$s","capacity":"5000000","node1_policy":null,"node2_policy":{"time_lock_delta":80,
               "min_htlc":"1000","fee_base_msat":"1000","fee_rate_milli_msat":"1","disabled":false,
               "max_htlc_msat":"4950000000","last_update":1700000000,"custom_records":{},"inbound_fee_base_msat":0,
               "inbound_fee_rate_milli_msat":0},"custom_records":{}}
            ]}
            """.formatted("aa".repeat(32), "bb".repeat(32), "cd".repeat(32));

    @Test
    void loads_plain_and_gzipped_describegraph_json(@TempDir Path dir) throws Exception {
        Path plain = dir.resolve("graph.json");
        Files.writeString(plain, JSON);
        Path gz = dir.resolve("graph.json.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write(JSON.getBytes(StandardCharsets.UTF_8));
        }
        for (Path file : new Path[] {plain, gz}) {
            SimGraph graph = DescribeGraphFile.load(file, Instant.EPOCH);
            var described = graph.describe(Instant.now());
            assertThat(described.getNodesCount()).isEqualTo(2);
            assertThat(described.getEdges(0).hasNode1Policy()).isFalse();
            assertThat(described.getEdges(0).getNode2Policy().getMaxHtlcMsat()).isEqualTo(4_950_000_000L);
            assertThat(described.getEdges(0).getCapacity()).isEqualTo(5_000_000L);
            assertThat(described.getNodes(1).getFeaturesMap()).containsKey(0);
        }
    }

    @Test
    void an_old_snapshot_is_shifted_to_now_keeping_the_ages_between_announcements(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("graph.json");
        Files.writeString(file, JSON.replace("\"last_update\":1700000000,\"pub_key\":\"03",
                "\"last_update\":1690000000,\"pub_key\":\"03"));
        Instant now = Instant.parse("2026-12-01T00:00:00Z");
        var served = DescribeGraphFile.load(file, now).describe(now);
        long newest = now.getEpochSecond();
        assertThat(served.getEdges(0).getNode2Policy().getLastUpdate()).as("the newest announcement is now")
                .isEqualTo((int) newest);
        assertThat(Integer.toUnsignedLong(served.getNodes(1).getLastUpdate()))
                .as("10 million seconds older than the newest, as in the file").isEqualTo(newest - 10_000_000L);
        assertThat(Integer.toUnsignedLong(served.getNodes(0).getLastUpdate())).as("never announced: now").isEqualTo(newest);
        assertThat(DescribeGraphFile.load(file, now).target("02" + "aa".repeat(32), now).orElseThrow().dead())
                .as("a node of an old snapshot is alive in the sim").isFalse();

        var kept = DescribeGraphFile.load(file, now, true).describe(now);
        assertThat(kept.getNodes(1).getLastUpdate()).isEqualTo(1_690_000_000);
        assertThat(DescribeGraphFile.load(file, now, true).target("03" + "bb".repeat(32), now).orElseThrow().dead())
                .as("as in the file: silent since 2023, dead").isTrue();
    }
}
