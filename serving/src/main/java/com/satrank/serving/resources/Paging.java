package com.satrank.serving.resources;

import com.satrank.serving.api.QueryIntegers;

/** Validated limit/offset query parameters, parsed from raw strings so bad input is a 400, not a 404. */
record Paging(int limit, int offset) {
    static final int MAX_LIMIT = 100;
    static final int MAX_OFFSET = 100_000;

    static Paging parse(String limit, String offset, int defaultLimit) {
        int l = (int) QueryIntegers.parse("limit", limit, defaultLimit, 1, MAX_LIMIT);
        int o = (int) QueryIntegers.parse("offset", offset, 0, 0, MAX_OFFSET);
        return new Paging(l, o);
    }
}
