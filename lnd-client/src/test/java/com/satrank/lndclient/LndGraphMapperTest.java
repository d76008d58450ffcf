package com.satrank.lndclient;

import static org.assertj.core.api.Assertions.assertThat;

import com.satrank.lnd.lnrpc.ChannelEdge;
import com.satrank.lnd.lnrpc.ChannelGraph;
import com.satrank.lnd.lnrpc.LightningNode;
import com.satrank.lnd.lnrpc.NodeAddress;
import com.satrank.lnd.lnrpc.RoutingPolicy;
import org.junit.jupiter.api.Test;

class LndGraphMapperTest {
    private static final String A = "02" + "11".repeat(32);
    private static final String B = "03" + "22".repeat(32);

    @Test
    void tolerates_zero_timestamps_no_addresses_and_absent_policies() {
        ChannelGraph graph = ChannelGraph.newBuilder()
                .addNodes(LightningNode.newBuilder().setPubKey(A).setLastUpdate(0).setColor("#3399ff"))
                .addNodes(LightningNode.newBuilder().setPubKey(B).setColor("garbage")
                        .addAddresses(NodeAddress.newBuilder().setNetwork("tcp").setAddr(""))
                        .addAddresses(NodeAddress.newBuilder().setNetwork("tcp").setAddr("1.2.3.4:9735")))
                .addEdges(ChannelEdge.newBuilder().setChannelId(5).setNode1Pub(A).setNode2Pub(B).setCapacity(100_000)
                        .setChanPoint("ab".repeat(32) + ":1")
                        .setNode2Policy(RoutingPolicy.newBuilder().setFeeRateMilliMsat(200).setDisabled(true)))
                .build();
        var mapper = new LndGraphMapper();
        var snapshot = mapper.toSnapshot(graph);
        assertThat(snapshot.nodes()).hasSize(2);
        var a = snapshot.nodes().values().stream().filter(n -> n.getColorRgb() == 0x3399ff).findFirst().orElseThrow();
        assertThat(a.getLastUpdate()).isZero();
        var b = snapshot.nodes().values().stream().filter(n -> n.getColorRgb() == 0).findFirst().orElseThrow();
        assertThat(b.getAddressesList()).containsExactly("tcp://1.2.3.4:9735");
        var channel = snapshot.channels().get(5L);
        assertThat(channel.hasNode1Policy()).isFalse();
        assertThat(channel.getNode2Policy().getDisabled()).isTrue();
        assertThat(channel.getNode2Policy().getFeeRatePpm()).isEqualTo(200);
        assertThat(channel.getOutputIndex()).isEqualTo(1);
        assertThat(channel.getFundingTxid().size()).isEqualTo(32);
        assertThat(mapper.droppedCount()).isZero();
    }

    @Test
    void drops_and_counts_entries_that_cannot_be_nodes() {
        ChannelGraph graph = ChannelGraph.newBuilder()
                .addNodes(LightningNode.newBuilder().setPubKey("not-a-key"))
                .addEdges(ChannelEdge.newBuilder().setChannelId(1).setNode1Pub(A).setNode2Pub("zz"))
                .build();
        var mapper = new LndGraphMapper();
        var snapshot = mapper.toSnapshot(graph);
        assertThat(snapshot.nodes()).isEmpty();
        assertThat(snapshot.channels()).isEmpty();
        assertThat(mapper.droppedCount()).isEqualTo(2);
    }
}
