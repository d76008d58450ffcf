package com.satrank.model;

import java.util.Locale;

/** What a caller may name a node by: its pubkey or its node id. */
public sealed interface NodeRef {
    record ByPubkey(Pubkey pubkey) implements NodeRef { }

    record ById(NodeId id) implements NodeRef { }

    /** @throws IllegalArgumentException with a message fit for a 400 */
    static NodeRef parse(String raw) {
        String value = raw == null ? "" : raw.trim().toLowerCase(Locale.ROOT);
        if (Pubkey.isPubkeyHex(value)) {
            return new ByPubkey(Pubkey.fromHex(value));
        }
        if (NodeId.isNodeIdHex(value)) {
            return new ById(new NodeId(value));
        }
        throw new IllegalArgumentException(
                "id must be a 64-char SHA256 hash or 66-char Lightning pubkey (02/03 prefix), got "
                        + value.length() + " chars");
    }

    default NodeId nodeId() {
        if (this instanceof ByPubkey p) {
            return p.pubkey().nodeId();
        }
        return ((ById) this).id();
    }
}
