package com.satrank.lndclient;

import com.google.protobuf.ByteString;
import com.satrank.events.v1.ChannelPolicy;
import com.satrank.events.v1.GraphChannel;
import com.satrank.events.v1.GraphNode;
import com.satrank.graph.GraphSnapshot;
import com.satrank.lnd.lnrpc.ChannelEdge;
import com.satrank.lnd.lnrpc.ChannelGraph;
import com.satrank.lnd.lnrpc.LightningNode;
import com.satrank.lnd.lnrpc.NodeAddress;
import com.satrank.lnd.lnrpc.RoutingPolicy;
import com.satrank.model.Pubkey;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeSet;

/**
 * The only place LND's graph messages are read: maps them to our event types at once. Tolerates
 * what real graphs contain: zero timestamps, no addresses, absent policies, odd colours. Entries
 * that cannot be a valid node or channel (bad pubkey) are dropped and counted.
 */
public final class LndGraphMapper {
    private static final HexFormat HEX = HexFormat.of();

    private int dropped;

    public GraphSnapshot toSnapshot(ChannelGraph graph) {
        Map<ByteString, GraphNode> nodes = new HashMap<>(graph.getNodesCount() * 2);
        for (LightningNode node : graph.getNodesList()) {
            GraphNode mapped = toNode(node);
            if (mapped != null) {
                nodes.put(mapped.getPubkey(), mapped);
            }
        }
        Map<Long, GraphChannel> channels = new HashMap<>(graph.getEdgesCount() * 2);
        for (ChannelEdge edge : graph.getEdgesList()) {
            GraphChannel mapped = toChannel(edge);
            if (mapped != null) {
                channels.put(mapped.getChannelId(), mapped);
            }
        }
        return new GraphSnapshot(nodes, channels);
    }

    public int droppedCount() {
        return dropped;
    }

    GraphNode toNode(LightningNode node) {
        ByteString pubkey = pubkeyBytes(node.getPubKey());
        if (pubkey == null) {
            return null;
        }
        GraphNode.Builder b = GraphNode.newBuilder()
                .setPubkey(pubkey)
                .setAlias(node.getAlias())
                .setColorRgb(parseColor(node.getColor()))
                .setLastUpdate(node.getLastUpdate())
                .addAllFeatureBits(new TreeSet<>(node.getFeaturesMap().keySet()));
        for (NodeAddress address : node.getAddressesList()) {
            if (!address.getAddr().isEmpty()) {
                b.addAddresses(address.getNetwork() + "://" + address.getAddr());
            }
        }
        return b.build();
    }

    GraphChannel toChannel(ChannelEdge edge) {
        ByteString node1 = pubkeyBytes(edge.getNode1Pub());
        ByteString node2 = pubkeyBytes(edge.getNode2Pub());
        if (node1 == null || node2 == null || edge.getChannelId() == 0L) {
            return null;
        }
        GraphChannel.Builder b = GraphChannel.newBuilder()
                .setChannelId(edge.getChannelId())
                .setNode1Pubkey(node1)
                .setNode2Pubkey(node2)
                .setCapacitySat(Math.max(0L, edge.getCapacity()));
        setChanPoint(b, edge.getChanPoint());
        if (edge.hasNode1Policy()) {
            b.setNode1Policy(toPolicy(edge.getNode1Policy()));
        }
        if (edge.hasNode2Policy()) {
            b.setNode2Policy(toPolicy(edge.getNode2Policy()));
        }
        return b.build();
    }

    private static ChannelPolicy toPolicy(RoutingPolicy p) {
        return ChannelPolicy.newBuilder()
                .setFeeBaseMsat(p.getFeeBaseMsat())
                .setFeeRatePpm(p.getFeeRateMilliMsat())
                .setTimeLockDelta(p.getTimeLockDelta())
                .setMinHtlcMsat(p.getMinHtlc())
                .setMaxHtlcMsat(p.getMaxHtlcMsat())
                .setDisabled(p.getDisabled())
                .setLastUpdate(p.getLastUpdate())
                .build();
    }

    private static void setChanPoint(GraphChannel.Builder b, String chanPoint) {
        int colon = chanPoint.indexOf(':');
        if (colon != 64) {
            return;
        }
        try {
            b.setFundingTxid(ByteString.copyFrom(HEX.parseHex(chanPoint, 0, 64)));
            b.setOutputIndex(Integer.parseInt(chanPoint.substring(65)));
        } catch (IllegalArgumentException e) {
            b.clearFundingTxid();
        }
    }

    private ByteString pubkeyBytes(String hex) {
        try {
            return ByteString.copyFrom(Pubkey.fromHex(hex).toBytes());
        } catch (IllegalArgumentException e) {
            dropped++;
            return null;
        }
    }

    static int parseColor(String color) {
        if (color != null && color.length() == 7 && color.charAt(0) == '#') {
            try {
                return Integer.parseInt(color.substring(1), 16);
            } catch (NumberFormatException e) {
                return 0;
            }
        }
        return 0;
    }
}
