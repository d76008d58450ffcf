package com.satrank.log;

import java.util.Optional;

/** Reads a log forward, one event at a time; empty when it has caught up with the end. */
public interface EventReader {
    Optional<LoggedEvent> next();
}
