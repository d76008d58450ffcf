package com.satrank.serving.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.satrank.events.v1.Event;
import com.satrank.log.LogPosition;
import com.satrank.model.Pubkey;
import com.satrank.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class QueryRecorderTest {
    private static Pubkey key(int i) {
        byte[] b = new byte[33];
        b[0] = 3;
        b[1] = 7;
        b[32] = (byte) i;
        return Pubkey.fromBytes(b);
    }

    @Test
    void a_node_is_appended_at_most_once_a_minute() {
        List<Event> appended = new ArrayList<>();
        MutableClock clock = new MutableClock(Instant.parse("2026-11-01T00:00:00Z"));
        QueryRecorder recorder = new QueryRecorder(e -> {
            appended.add(e.build());
            return new LogPosition(appended.size());
        }, clock);
        recorder.accept(key(1));
        recorder.accept(key(1));
        recorder.accept(key(2));
        clock.advance(Duration.ofSeconds(59));
        recorder.accept(key(1));
        clock.advance(Duration.ofSeconds(1));
        recorder.accept(key(1));
        assertThat(appended).extracting(e -> Pubkey.fromBytes(e.getNodeQueried().getPubkey().toByteArray()))
                .containsExactly(key(1), key(2), key(1));
    }
}
