package com.satrank.serving.resources;

import com.satrank.lndclient.LndInfo;
import com.satrank.lndclient.LndStatus;
import java.util.Optional;
import java.util.function.Supplier;

/** What health may say about LND in this process: nothing when this process does not talk to it. */
public record LndView(LndStatus status, Supplier<Optional<LndInfo>> info) {
    public static LndView disabled() {
        return new LndView(null, Optional::empty);
    }

    public String state() {
        return status == null ? "disabled" : status.state();
    }
}
