package com.satrank.pipeline.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The dense hourly sums behave like a sorted map of hour buckets, whatever order hours arrive in. */
class HourlySumsTest {
    @Test
    void matches_a_sorted_map_for_hours_in_any_order_with_drops() {
        Random random = new Random(9);
        HourlySums sums = new HourlySums(2);
        TreeMap<Long, long[]> reference = new TreeMap<>();
        long base = 490_000;
        for (int i = 0; i < 20_000; i++) {
            long hour = base + i / 20 + random.nextInt(7) - 5; // mostly forward, sometimes earlier
            int field = random.nextInt(2);
            sums.add(hour, field, 1);
            reference.computeIfAbsent(hour, h -> new long[2])[field]++;
            if (i % 5_000 == 4_999) {
                long drop = base + i / 40;
                sums.dropBefore(drop);
                reference.headMap(drop).clear();
            }
        }
        List<String> seen = new ArrayList<>();
        sums.forEach(Long.MIN_VALUE, Long.MAX_VALUE, (hour, d, offset) -> seen.add(hour + ":" + d[offset] + "/" + d[offset + 1]));
        List<String> expected = new ArrayList<>();
        reference.forEach((hour, c) -> expected.add(hour + ":" + c[0] + "/" + c[1]));
        assertThat(seen).isEqualTo(expected);
        long from = base + 300;
        long to = base + 700;
        long[] total = sums.total(from, to);
        long[] want = new long[2];
        reference.subMap(from, true, to, true).values().forEach(c -> {
            want[0] += c[0];
            want[1] += c[1];
        });
        assertThat(total).containsExactly(want);
    }

    @Test
    void empty_and_fully_dropped_sums_visit_nothing() {
        HourlySums sums = new HourlySums(5);
        assertThat(sums.isEmpty()).isTrue();
        assertThat(sums.total(0, 100)).containsOnly(0);
        sums.add(10, 3, 7);
        assertThat(sums.total(10, 10)).containsExactly(0, 0, 0, 7, 0);
        sums.dropBefore(11);
        assertThat(sums.isEmpty()).isTrue();
        sums.add(3, 0, 1); // earlier than anything seen: the range starts again
        assertThat(sums.total(0, 100)).containsExactly(1, 0, 0, 0, 0);
    }
}
