package com.satrank.lndsim;

import com.google.protobuf.util.JsonFormat;
import com.satrank.lnd.lnrpc.ChannelEdge;
import com.satrank.lnd.lnrpc.ChannelGraph;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * Loads the JSON that {@code lncli describegraph} prints (optionally gzipped), so the sim can serve
 * a real network snapshot. Unknown fields (newer LND versions, custom records) are ignored; zero
 * timestamps, empty address lists and null policies are valid input.
 *
 * <p>Timestamps are restamped by default: a snapshot is usually days or months old by the time it is
 * served, and served as is every node would look stale to the scoring (no announcement for 14 days)
 * and dead to the sim. Restamping shifts every announcement so the newest one in the file is "now"
 * on the sim's clock, keeping the ages between them (a node silent for 60 days before the snapshot
 * still is); a zero timestamp (a node never announced) becomes now. {@code keepTimestamps} serves
 * the file's own times.
 */
public final class DescribeGraphFile {
    private DescribeGraphFile() {
    }

    /** Shifts every timestamp by (now − the newest one in the file); zero ones become now. */
    static void restamp(ChannelGraph.Builder graph, long now) {
        long newest = 0;
        for (var node : graph.getNodesList()) {
            newest = Math.max(newest, Integer.toUnsignedLong(node.getLastUpdate()));
        }
        for (ChannelEdge edge : graph.getEdgesList()) {
            newest = Math.max(newest, Integer.toUnsignedLong(edge.getNode1Policy().getLastUpdate()));
            newest = Math.max(newest, Integer.toUnsignedLong(edge.getNode2Policy().getLastUpdate()));
        }
        long shift = newest == 0 ? 0 : now - newest;
        java.util.function.IntUnaryOperator stamp = t -> (int) (t == 0 ? now : Integer.toUnsignedLong(t) + shift);
        for (var node : graph.getNodesBuilderList()) {
            node.setLastUpdate(stamp.applyAsInt(node.getLastUpdate()));
        }
        for (var edge : graph.getEdgesBuilderList()) {
            if (edge.hasNode1Policy()) {
                edge.getNode1PolicyBuilder().setLastUpdate(stamp.applyAsInt(edge.getNode1Policy().getLastUpdate()));
            }
            if (edge.hasNode2Policy()) {
                edge.getNode2PolicyBuilder().setLastUpdate(stamp.applyAsInt(edge.getNode2Policy().getLastUpdate()));
            }
        }
    }

    public static SimGraph load(Path file, Instant now) throws IOException {
        return load(file, now, false);
    }

    public static SimGraph load(Path file, Instant now, boolean keepTimestamps) throws IOException {
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file))) {
            raw.mark(2);
            int b1 = raw.read();
            int b2 = raw.read();
            raw.reset();
            InputStream in = (b1 == 0x1f && b2 == 0x8b) ? new GZIPInputStream(raw, 1 << 16) : raw;
            ChannelGraph.Builder graph = ChannelGraph.newBuilder();
            try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
                JsonFormat.parser().ignoringUnknownFields().merge(reader, graph);
            }
            if (!keepTimestamps) {
                restamp(graph, now.getEpochSecond());
            }
            Map<Long, ChannelEdge> edges = new LinkedHashMap<>();
            for (ChannelEdge edge : graph.getEdgesList()) {
                edges.put(edge.getChannelId(), edge);
            }
            return new SimGraph(graph.getNodesList(), edges, now);
        }
    }
}
