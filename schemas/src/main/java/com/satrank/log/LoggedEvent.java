package com.satrank.log;

import com.satrank.events.v1.Event;

/** An event as read back from a log, with where it stands. */
public record LoggedEvent(LogPosition position, Event event) {
}
