package com.satrank.ingest.probe;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import com.satrank.events.v1.Event;
import com.satrank.events.v1.NodeQueried;
import com.satrank.log.ChronicleEventLog;
import com.satrank.log.EventAppender;
import com.satrank.log.LogStream;
import com.satrank.model.Pubkey;
import com.satrank.testing.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The prober's "asked about recently" set, folded from a real queries log. */
class RecentlyQueriedIT {
    private static Pubkey key(int i) {
        byte[] b = new byte[33];
        b[0] = 2;
        b[32] = (byte) i;
        b[1] = 1;
        return Pubkey.fromBytes(b);
    }

    private static void queried(EventAppender appender, byte[] pubkey) {
        appender.append(Event.newBuilder().setNodeQueried(NodeQueried.newBuilder().setPubkey(ByteString.copyFrom(pubkey))));
    }

    @Test
    void holds_nodes_looked_up_within_the_window_and_skips_garbage(@TempDir Path data) {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-01T00:00:00Z"));
        try (ChronicleEventLog log = ChronicleEventLog.open(data, LogStream.QUERIES, clock)) {
            EventAppender appender = log.appender("serving", null);
            RecentlyQueried recent = new RecentlyQueried(log, clock, Duration.ofHours(1));
            assertThat(recent.get()).isEmpty();
            queried(appender, key(1).toBytes());
            clock.advance(Duration.ofMinutes(40));
            queried(appender, key(2).toBytes());
            queried(appender, new byte[] {1, 2, 3});
            assertThat(recent.get()).containsExactlyInAnyOrder(key(1), key(2));
            clock.advance(Duration.ofMinutes(30));
            assertThat(recent.get()).as("key 1 was asked about 70 minutes ago").containsExactly(key(2));
            queried(appender, key(1).toBytes());
            assertThat(recent.get()).containsExactlyInAnyOrder(key(1), key(2));
        }
    }
}
