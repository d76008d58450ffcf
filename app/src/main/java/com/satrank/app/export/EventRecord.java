package com.satrank.app.export;

import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import com.satrank.events.v1.Event;
import com.satrank.log.LoggedEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One log event as analysts read it, needing no SatRank code: log index, event time (ms and ISO),
 * schema version, event type (the payload's message name), source, and the payload's fields by
 * their proto names. Every field of the payload is present (proto3 defaults included) so columns
 * are stable; bytes are lowercase hex (pubkeys, hashes), enums their names, nested messages maps.
 */
public final class EventRecord {
    private EventRecord() {
    }

    public static Map<String, Object> of(LoggedEvent logged) {
        Event e = logged.event();
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("index", logged.position().index());
        line.put("event_time_ms", e.getEventTimeMs());
        line.put("event_time", Instant.ofEpochMilli(e.getEventTimeMs()).toString());
        line.put("schema_version", e.getSchemaVersion());
        line.put("type", type(e));
        line.put("source_process", e.getSource().getProcess());
        line.put("source_lnd_pubkey", HexFormat.of().formatHex(e.getSource().getLndPubkey().toByteArray()));
        line.put("payload", payload(e));
        return line;
    }

    /** The payload's message name, e.g. ProbeCompleted; "Unknown" for a type newer than this reader. */
    public static String type(Event e) {
        FieldDescriptor field = payloadField(e);
        return field == null ? "Unknown" : field.getMessageType().getName();
    }

    static Map<String, Object> payload(Event e) {
        FieldDescriptor field = payloadField(e);
        return field == null ? Map.of() : fields((Message) e.getField(field));
    }

    private static FieldDescriptor payloadField(Event e) {
        var oneof = Event.getDescriptor().getOneofs().get(0);
        return e.getOneofFieldDescriptor(oneof);
    }

    static Map<String, Object> fields(Message message) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (FieldDescriptor f : message.getDescriptorForType().getFields()) {
            if (f.isRepeated()) {
                List<Object> values = new ArrayList<>();
                for (int i = 0; i < message.getRepeatedFieldCount(f); i++) {
                    values.add(value(f, message.getRepeatedField(f, i)));
                }
                out.put(f.getName(), values);
            } else if (f.getJavaType() == FieldDescriptor.JavaType.MESSAGE && !message.hasField(f)) {
                out.put(f.getName(), null);
            } else {
                out.put(f.getName(), value(f, message.getField(f)));
            }
        }
        return out;
    }

    private static Object value(FieldDescriptor f, Object v) {
        if (v instanceof Long l && l < 0 && (f.getType() == FieldDescriptor.Type.UINT64
                || f.getType() == FieldDescriptor.Type.FIXED64)) {
            return new java.math.BigInteger(Long.toUnsignedString(l)); // uint64 above 2^63
        }
        if (v instanceof ByteString b) {
            return HexFormat.of().formatHex(b.toByteArray());
        }
        if (v instanceof EnumValueDescriptor en) {
            return en.getName();
        }
        if (v instanceof Message m) {
            return fields(m);
        }
        return v;
    }
}
