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
 */
public final class DescribeGraphFile {
    private DescribeGraphFile() {
    }

    public static SimGraph load(Path file, Instant now) throws IOException {
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
            Map<Long, ChannelEdge> edges = new LinkedHashMap<>();
            for (ChannelEdge edge : graph.getEdgesList()) {
                edges.put(edge.getChannelId(), edge);
            }
            return new SimGraph(graph.getNodesList(), edges, now);
        }
    }
}
