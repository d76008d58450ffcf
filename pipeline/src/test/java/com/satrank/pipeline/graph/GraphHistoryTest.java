package com.satrank.pipeline.graph;

import static com.satrank.pipeline.graph.GraphStateTest.channel;
import static com.satrank.pipeline.graph.GraphStateTest.node;
import static org.assertj.core.api.Assertions.assertThat;

import com.satrank.events.v1.ChannelPolicy;
import com.satrank.events.v1.GraphChannel;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GraphHistoryTest {
    private static final long DAY = 86_400_000L;

    private static GraphChannel withFee(GraphChannel c, long node1Rate, long capacity) {
        return c.toBuilder().setCapacitySat(capacity)
                .setNode1Policy(ChannelPolicy.newBuilder().setFeeRatePpm(node1Rate).setFeeBaseMsat(1000))
                .setNode2Policy(ChannelPolicy.newBuilder().setFeeRatePpm(1).setFeeBaseMsat(1000)).build();
    }

    private static Map<Long, GraphChannel> map(GraphChannel... channels) {
        Map<Long, GraphChannel> m = new HashMap<>();
        for (GraphChannel c : channels) {
            m.put(c.getChannelId(), c);
        }
        return m;
    }

    @Test
    void a_changed_fee_counts_for_the_policy_owner_within_seven_days() {
        GraphHistory h = new GraphHistory();
        GraphChannel v1 = withFee(channel(1, 1, 2), 100, 1_000_000);
        GraphChannel v2 = withFee(channel(1, 1, 2), 200, 1_000_000);
        h.onSnapshot(10 * DAY, map(), List.of(v1), map(v1));
        h.onSnapshot(10 * DAY + 1, map(v1), List.of(v2), map(v2));
        h.onSnapshot(10 * DAY + 2, map(v2), List.of(v2), map(v2)); // unchanged: not a change
        assertThat(h.feeChanges(node(1).getPubkey(), 11 * DAY)).isEqualTo(1);
        assertThat(h.feeChanges(node(2).getPubkey(), 11 * DAY)).isZero();
        assertThat(h.feeChanges(node(1).getPubkey(), 18 * DAY)).isZero(); // out of the window
    }

    @Test
    void capacity_a_week_before_comes_from_the_daily_samples() {
        GraphHistory h = new GraphHistory();
        for (int day = 0; day < 20; day++) {
            GraphChannel c = withFee(channel(1, 1, 2), 100, 1_000_000 + day * 1000L);
            h.onSnapshot(day * DAY + 5, map(c), List.of(c), map(c));
        }
        assertThat(h.capacityWeekBefore(node(1).getPubkey(), 19 * DAY + 5)).isEqualTo(1_012_000);
        assertThat(h.capacityWeekBefore(node(1).getPubkey(), 25 * DAY + 5)).isEqualTo(1_018_000);
        assertThat(h.capacityWeekBefore(node(9).getPubkey(), 19 * DAY)).isEqualTo(-1);
        assertThat(new GraphHistory().capacityWeekBefore(node(1).getPubkey(), 19 * DAY)).isEqualTo(-1);
    }
}
